// The reuse check the token types share: one workflow run three times, each answered by the API;
// the third run in the next n8n process, so the token it finds is the one stored in n8n's database.
import { nodeItems } from './cli';
import type { N8nInstance } from './instance';
import { HTTP_NODE } from './workflows';

export async function runThriceAcrossRestart(n8n: N8nInstance, workflowId: string): Promise<void> {
	for (let run = 0; run < 3; run++) {
		if (run === 2) await n8n.restart();
		const result = await n8n.execute(workflowId);
		expect(result.ok).toBe(true);
		expect(nodeItems(result.run, HTTP_NODE)).toEqual([expect.objectContaining({ ok: true, item: '0' })]);
	}
}

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// `npm run screenshots:agent`: the README's picture of an AI Agent workflow using the HTTP Request
// Tool with one of the package's credentials, taken in real n8n (2.41.1) with Debian's chromium
// after a real run (the model is the scripted chat-model server). Written to docs/screenshots/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { agentWorkflow, AGENT_NODE, httpRequestTool, openAiCredential } from '../e2e/harness/agent-workflows';
import { basicToBearerCredential } from '../e2e/harness/lab-credentials';
import { createInstance } from '../e2e/harness/instance';
import { currentLine, repoRoot } from '../e2e/harness/line';
import { N8nServer } from '../e2e/harness/n8n-server';
import { callTool, finalAnswer, startChatModel } from '../servers/chat-model';
import { startTokenLab } from '../servers/token-lab';
import { openEditorBrowser, signInToEditor } from './editor-browser';

const OUT = join(repoRoot, 'docs/screenshots');
const FILE = 'ai-agent-http-request-tool.png';

async function main(): Promise<void> {
	mkdirSync(OUT, { recursive: true });
	const lab = await startTokenLab({});
	const model = await startChatModel();
	const n8n = createInstance('agent-screenshot');
	const modelCredential = { ...openAiCredential(model), name: 'Local model' };
	const credential = { ...basicToBearerCredential(lab), name: 'Example API (Basic to Bearer)' };
	const workflow = agentWorkflow({
		name: 'AI Agent calling an API with a token credential',
		agentVersion: 3.1,
		modelCredential,
		prompt: 'Read items 1 to 3 of the example API',
		tools: [httpRequestTool('Read item', lab.apiUrl, credential)],
	});
	await n8n.cli.importCredentials([modelCredential, credential]);
	await n8n.cli.importWorkflow(workflow);
	const server = await N8nServer.start(currentLine(), n8n.userFolder, undefined, {}, 600_000);
	const browser = await openEditorBrowser({ width: 1440, height: 900 });
	try {
		await server.setupOwnerAndLogin();
		const { page } = browser;
		await signInToEditor(page, server.baseUrl);
		await page.goto(`${server.baseUrl}/workflow/${workflow.id}`);
		model.script([callTool(3, (i) => ({ item: String(i) })), finalAnswer()]);
		await page.getByTestId('execute-workflow-button').click();
		await page.getByTestId('canvas-node').filter({ hasText: AGENT_NODE }).first().waitFor({ state: 'visible' });
		// The run is over once the model has had its final turn and the agent shows its output.
		for (let waited = 0; model.remainingTurns() > 0 && waited < 120; waited++) await page.waitForTimeout(1000);
		await page.getByText('1 item', { exact: true }).first().waitFor({ state: 'visible' });
		await page.waitForTimeout(1500);
		await page.locator('body').screenshot({ path: join(OUT, FILE), animations: 'disabled' });
		console.log(`screenshots: docs/screenshots/${FILE} (token calls: ${lab.counts.basicTokenCalls}, API calls: ${lab.counts.apiAccepted})`);
	} finally {
		await browser.close();
		await server.stop();
		await Promise.all([lab.close(), model.close()]);
		n8n.cleanup();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, not shipped: linted by eslint.tests.config.mjs */
// Drives webhook executions through the cluster and sums up who ran them.
import { callWebhook, WebhookAnswer, WebhookWorkflow } from './webhook-workflow';

export interface LoadResult {
	calls: number;
	/** The workflows called, and when the first call went out (ms since the epoch). */
	workflows: WebhookWorkflow[];
	startedAt: number;
	/** Executions that did not answer ok: status 0 when the call itself failed (`error`, ms since start). */
	failed: Array<{ status: number; answer: WebhookAnswer; error?: string; at?: number }>;
	/**
	 * Calls that got no answer at all within the webhook timeout (ms since start). Under load a
	 * queue-mode main sometimes never sends the answer of an execution its worker finished: the
	 * spec then reads how each execution ended from n8n's database (QueueCluster.executionStatuses).
	 */
	unanswered: number[];
	/** Executions per worker name. */
	byWorker: Record<string, number>;
	ms: number;
}

/**
 * `total` executions round-robin over `workflows`, at most `parallel` in flight, a new one started
 * no sooner than `spacingMs` after the previous one: a steady load that can span several token
 * lifetimes (0: as fast as the cluster answers).
 */
export async function runLoad(base: string, workflows: WebhookWorkflow[], total: number, parallel: number, spacingMs = 0): Promise<LoadResult> {
	const started = Date.now();
	const result: LoadResult = { calls: 0, workflows, startedAt: started, failed: [], unanswered: [], byWorker: {}, ms: 0 };
	let next = 0;
	const lane = async () => {
		while (next < total) {
			const index = next++;
			const due = started + index * spacingMs;
			if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
			const a = await callWebhook(base, workflows[index % workflows.length]).catch((error: Error) => ({ status: 0, answer: {} as WebhookAnswer, error: `${error.name}: ${error.message}`, at: Date.now() - started }));
			result.calls++;
			if ('error' in a && /^TimeoutError/.test(a.error)) result.unanswered.push(a.at);
			else if (a.status !== 200 || a.answer.ok !== true) result.failed.push(a);
			if (a.answer.worker) result.byWorker[a.answer.worker] = (result.byWorker[a.answer.worker] ?? 0) + 1;
		}
	};
	await Promise.all(Array.from({ length: parallel }, lane));
	result.ms = Date.now() - started;
	return result;
}

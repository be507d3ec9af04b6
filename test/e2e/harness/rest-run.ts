/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// A workflow run on a running `n8n start` through the editor's REST calls: start a manual run,
// poll the execution until it ends, read its run data (n8n stores it `flatted`). The answer has
// the shape of `n8n execute --rawOutput` (cli.ts Execution), so a spec reads both alike, and a
// failed test prints what n8n said about it (execution-report.ts), as for `n8n execute`.
import { createRequire } from 'module';
import type { Execution, ExecutionRun } from './cli';
import { describeExecution } from './execution-report';
import type { N8nLine } from './line';
import type { N8nServer } from './n8n-server';
import { keepRunReport } from './run-reports';

/** Execution statuses n8n has while a run is on its way. */
const UNFINISHED = new Set(['new', 'running', 'waiting', 'unknown']);
/** Statuses of a run that ended with an answer (its items, or its error). */
const ENDED = new Set(['success', 'error']);

/** n8n's own `flatted` (the format of its stored run data), from the line's node_modules. */
function flattedOf(line: N8nLine): { parse(text: string): unknown } {
	return createRequire(line.n8nBin)('flatted') as { parse(text: string): unknown };
}

/**
 * Runs the saved workflow from its trigger `trigger` and waits for the execution. `stdout` holds
 * the execution JSON and what n8n printed meanwhile (the same as `n8n execute` shows); `code` is
 * 0 for a successful execution, 1 otherwise.
 */
export async function runOverRest(server: N8nServer, line: N8nLine, workflow: { id: string }, trigger: string, timeoutMs = 180_000): Promise<Execution> {
	const started = Date.now();
	const logFrom = server.log().length;
	const executionId = await server.runManually(workflow, trigger, line.line);
	const deadline = started + timeoutMs;
	const flatted = flattedOf(line);
	const dataOf = (answer: { data?: unknown }) =>
		typeof answer.data === 'string' ? (flatted.parse(answer.data) as ExecutionRun['data'] | undefined) : undefined;
	let stored = await server.execution(executionId);
	// Seen on n8n 1.x just after a restart: the execution answered without status or data yet, or
	// with data that holds no run yet.
	while (!stored.status || !dataOf(stored)?.resultData || (!stored.finished && UNFINISHED.has(stored.status))) {
		if (Date.now() > deadline) {
			throw new Error(`execution ${executionId} of ${workflow.id} still ${stored.status} after ${timeoutMs} ms\n${lastLines(server.log().slice(logFrom))}`);
		}
		await new Promise((r) => setTimeout(r, 200));
		stored = await server.execution(executionId);
	}
	// What n8n logs as the run ends arrives just after its status.
	await new Promise((r) => setTimeout(r, 200));
	const run: ExecutionRun = { status: stored.status, data: dataOf(stored)! };
	const ok = stored.status === 'success' && !run.data.resultData.error;
	run.finished = stored.finished;
	const output = server.log().slice(logFrom);
	const result = { code: ok ? 0 : 1, signal: null, stdout: `${JSON.stringify(run, null, 2)}\n${output}`, stderr: '', ms: Date.now() - started, ok, run };
	keepRunReport(() => describeExecution(result));
	// A run n8n lost (crashed, canceled) is no answer a spec can check: say what n8n said.
	if (!ENDED.has(stored.status)) throw new Error(`execution ${executionId} of ${workflow.id}\n${describeExecution(result)}`);
	return result;
}

function lastLines(output: string, count = 15): string {
	return output.trimEnd().split('\n').slice(-count).join('\n');
}

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// The peak resident memory of an n8n run: of the spec's running `n8n start` (Linux's high-water
// mark, VmHWM, reset before the run), or of an `n8n execute` process under /usr/bin/time.
import { readFileSync, writeFileSync } from 'fs';
import { type Execution, type N8nCli, parseExecutionJson } from './cli';
import { describeExecution, failureCause } from './execution-report';
import type { N8nInstance } from './instance';

export interface MeasuredExecution extends Execution {
	/** Peak resident set size of the n8n process during the run, in MB. */
	peakMb: number;
}

/**
 * Runs a loaded workflow on the instance's `n8n start` and reads how high its resident memory went
 * meanwhile: writing 5 to /proc/PID/clear_refs sets the high-water mark to what the process holds
 * now, so the peak is the run's (and whatever else the process did at the time; the spec's own
 * n8n does nothing else). No n8n boot per measure, as an `n8n execute` each would cost.
 */
export async function executeWithPeak(n8n: N8nInstance, workflowId: string): Promise<MeasuredExecution> {
	const { pid } = await n8n.server();
	if (pid === undefined) throw new Error('the peak memory of an n8n run needs an `n8n start` this process started, not the shared one');
	writeFileSync(`/proc/${pid}/clear_refs`, '5');
	const result = await n8n.execute(workflowId);
	const peak = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	if (!peak) throw new Error(`no VmHWM in /proc/${pid}/status`);
	return { ...result, peakMb: Number(peak[1]) / 1024 };
}

/** `n8n execute` under /usr/bin/time: the peak of a whole n8n process that runs one workflow (scripts/benchmark-hostile.ts). */
export async function executeMeasured(cli: N8nCli, workflowId: string, timeoutMs = 180_000): Promise<MeasuredExecution> {
	const result = await cli.run(['execute', `--id=${cli.savedWorkflowId(workflowId)}`, '--rawOutput'], timeoutMs, {}, ['/usr/bin/time', '-f', 'peak-rss-kb=%M']);
	const run = parseExecutionJson(result.stdout);
	const peak = /peak-rss-kb=(\d+)/.exec(result.stderr);
	if (!run || !peak) throw new Error(`n8n execute printed no execution JSON or no peak\n${describeExecution({ ...result, run })}`);
	return {
		...result,
		run,
		ok: failureCause({ ...result, run }) === '',
		peakMb: Number(peak[1]) / 1024,
	};
}

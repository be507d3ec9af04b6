// `n8n execute` under /usr/bin/time, to read the n8n process's peak resident memory.
import { type Execution, type N8nCli, parseExecutionJson } from './cli';
import { describeExecution, failureCause } from './execution-report';

export interface MeasuredExecution extends Execution {
	/** Peak resident set size of the n8n process, in MB. */
	peakMb: number;
}

export async function executeMeasured(cli: N8nCli, workflowId: string, timeoutMs = 180_000): Promise<MeasuredExecution> {
	const result = await cli.run(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs, {}, ['/usr/bin/time', '-f', 'peak-rss-kb=%M']);
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

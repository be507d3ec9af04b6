// `n8n execute` under /usr/bin/time, to read the n8n process's peak resident memory.
import { spawn } from 'child_process';
import { type Execution, type N8nCli, parseExecutionJson } from './cli';
import { n8nEnv } from './env';
import { freePort } from './ports';

export interface MeasuredExecution extends Execution {
	/** Peak resident set size of the n8n process, in MB. */
	peakMb: number;
}

export async function executeMeasured(cli: N8nCli, workflowId: string, timeoutMs = 180_000): Promise<MeasuredExecution> {
	const brokerPort = await freePort();
	const started = Date.now();
	const args = ['-f', 'peak-rss-kb=%M', cli.line.nodeBin, cli.line.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'];
	const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolveRun, reject) => {
		const child = spawn('/usr/bin/time', args, {
			env: n8nEnv(cli.line, cli.userFolder, { N8N_RUNNERS_BROKER_PORT: String(brokerPort) }),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('error', reject);
		child.on('close', (code) => {
			clearTimeout(timer);
			resolveRun({ code, stdout, stderr });
		});
	});
	const run = parseExecutionJson(result.stdout);
	const peak = /peak-rss-kb=(\d+)/.exec(result.stderr);
	if (!run || !peak) throw new Error(`n8n execute printed no execution JSON or no peak (exit ${result.code})\n${result.stdout}\n${result.stderr}`);
	return {
		...result,
		ms: Date.now() - started,
		run,
		ok: result.code === 0 && !run.data.resultData.error,
		peakMb: Number(peak[1]) / 1024,
	};
}

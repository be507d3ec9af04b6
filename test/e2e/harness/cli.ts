/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// The n8n command line on one user folder: import credentials and workflows, execute a workflow,
// each a new n8n process (a whole boot).
import { spawn } from 'child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { n8nEnv } from './env';
import { describeExecution, failureCause } from './execution-report';
import { N8nLine } from './line';
import { freePort } from './ports';
import { keepRunReport } from './run-reports';

export interface ProcessResult {
	code: number | null;
	/** The signal that ended the process, when one did (then `code` is null). */
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

/** What `n8n execute --rawOutput` printed, parsed. `run` is the execution (IRun) JSON. */
export interface Execution extends ProcessResult {
	ok: boolean;
	run: ExecutionRun;
}

export interface ExecutionRun {
	status?: string;
	finished?: boolean;
	data: {
		resultData: {
			runData: Record<string, Array<{ data?: { main: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: ExecutionErrorJson }>>;
			error?: ExecutionErrorJson;
			lastNodeExecuted?: string;
		};
	};
}

export interface ExecutionErrorJson {
	message?: string;
	description?: string | null;
	httpCode?: string;
	node?: { name?: string };
	[key: string]: unknown;
}

export class N8nCli {
	/** Instance settings for the next n8n processes (e.g. HTTP_PROXY, NODE_EXTRA_CA_CERTS). */
	extraEnv: Record<string, string> = {};
	/** Runs before each command: one n8n process on the user folder at a time (instance.ts). */
	beforeCommand: () => Promise<void> = async () => {};
	/** The id n8n saved a workflow fixture under (REST saves may give it another). */
	savedWorkflowId: (fixtureId: string) => string = (id) => id;

	/** How long one `n8n execute` may take before it is stopped. */
	executeTimeoutMs = 180_000;
	/** A command every n8n process runs under unless `run` is given one (the benchmark's `taskset -c 0`). */
	launcher: string[] = [];

	constructor(
		readonly line: N8nLine,
		readonly userFolder: string,
	) {}

	/**
	 * `extraEnv`: settings on top of the suite's (a queue-mode cluster's database, for one).
	 * `launcher`: a command n8n runs under (`/usr/bin/time -f ...` to measure its memory).
	 */
	async run(
		args: string[],
		timeoutMs = 180_000,
		extraEnv: Record<string, string> = {},
		launcher: string[] = this.launcher,
		/** Stops the process this long after it printed the execution JSON, if it has not exited. */
		stopAfterOutputMs?: number,
	): Promise<ProcessResult> {
		await this.beforeCommand();
		const brokerPort = await freePort();
		const started = Date.now();
		const [command, ...commandArgs] = [...launcher, this.line.nodeBin, this.line.n8nBin, ...args];
		// n8n's stdout goes to a file, not a pipe: n8n ends with process.exit(), which dropped the
		// unwritten rest of a large execution JSON still queued for a full pipe (seen with 1000 items:
		// exit code 0, the JSON cut at item 696). Writes to a file are synchronous in Node.
		const outputDir = mkdtempSync(join(tmpdir(), 'n8n-stdout-'));
		const outputFile = join(outputDir, 'stdout');
		const output = openSync(outputFile, 'w');
		const stdoutNow = () => readFileSync(outputFile, 'utf8');
		return await new Promise<ProcessResult>((resolveRun, reject) => {
			const child = spawn(command, commandArgs, {
				env: n8nEnv(this.line, this.userFolder, { ...this.extraEnv, ...extraEnv, N8N_RUNNERS_BROKER_PORT: String(brokerPort) }),
				stdio: ['ignore', output, 'pipe'],
			});
			closeSync(output); // the child holds its own copy
			let stderr = '';
			let stopping: NodeJS.Timeout | undefined;
			// For settings under which n8n does not exit by itself: watch the file for the execution JSON.
			const watching =
				stopAfterOutputMs === undefined
					? undefined
					: setInterval(() => {
							if (stopping === undefined && parseExecutionJson(stdoutNow()) !== undefined) {
								stopping = setTimeout(() => child.kill('SIGKILL'), stopAfterOutputMs);
							}
						}, 250);
			child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			child.on('error', reject);
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				if (watching !== undefined) clearInterval(watching);
				if (stopping !== undefined) clearTimeout(stopping);
				resolveRun({ code, signal, stdout: stdoutNow(), stderr, ms: Date.now() - started });
			});
		}).finally(() => rmSync(outputDir, { recursive: true, force: true }));
	}

	private async runOrThrow(args: string[]): Promise<ProcessResult> {
		const result = await this.run(args);
		if (result.code !== 0) {
			throw new Error(`n8n ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
		}
		return result;
	}

	/** `n8n import:credentials`: `data` holds plain values; n8n encrypts them. */
	async importCredentials(credentials: CredentialFixture[]): Promise<void> {
		await this.runOrThrow(['import:credentials', `--input=${writeTemp('credentials.json', credentials)}`]);
	}

	/** `n8n import:workflow`: one workflow or a list. */
	async importWorkflow(workflow: object): Promise<void> {
		await this.runOrThrow(['import:workflow', `--input=${writeTemp('workflow.json', workflow)}`]);
	}

	/**
	 * `n8n execute --id <id> --rawOutput`, with the execution JSON parsed from its output.
	 * `stopAfterOutputMs`: for n8n settings under which `execute` does not exit by itself.
	 */
	async execute(workflowId: string, stopAfterOutputMs?: number): Promise<Execution> {
		const result = await this.run(['execute', `--id=${this.savedWorkflowId(workflowId)}`, '--rawOutput'], this.executeTimeoutMs, {}, this.launcher, stopAfterOutputMs);
		const run = parseExecutionJson(result.stdout);
		keepRunReport(() => describeExecution({ ...result, run }));
		if (process.env.E2E_DEBUG) console.log(`n8n execute ${workflowId}: exit ${result.code ?? result.signal} after ${result.ms} ms`);
		if (!run) throw new Error(`n8n execute printed no execution JSON\n${describeExecution(result)}`);
		// Judged by the execution n8n printed: a teardown crash after a full, successful execution is no failed run.
		return { ...result, ok: failureCause({ ...result, run }) === '', run };
	}
}

export interface CredentialFixture {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

function writeTemp(name: string, content: unknown): string {
	const file = join(mkdtempSync(join(tmpdir(), 'n8n-import-')), name);
	writeFileSync(file, JSON.stringify(content, null, 2));
	return file;
}

/** The execution JSON is printed pretty, from a line `{` to a line `}`, between log lines. */
export function parseExecutionJson(stdout: string): ExecutionRun | undefined {
	const lines = stdout.split('\n');
	const start = lines.indexOf('{');
	if (start < 0) return undefined;
	const end = lines.indexOf('}', start);
	if (end < 0) return undefined;
	return JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecutionRun;
}

/** Output items (json) of a node's first run, first output. */
export function nodeItems(run: ExecutionRun, nodeName: string): Array<Record<string, unknown>> {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs?.length) return [];
	return (runs[0].data?.main[0] ?? []).map((item) => item.json);
}

/** Message and description of the execution's error, as n8n shows them. */
export function errorText(run: ExecutionRun): string {
	const error = run.data.resultData.error;
	if (!error) return '';
	return [error.message, error.description].filter(Boolean).join('\n');
}

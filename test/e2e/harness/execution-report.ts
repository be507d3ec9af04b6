// What n8n said about one workflow run, in words, for whoever reads a failed demo run or e2e
// check: the process's end, the execution's error, the failing node and its output, and the last
// lines n8n printed itself. Secrets are masked before anything is shown.
import { redactSecrets } from '../../../credentials/common/http/redact';
import type { ExecutionRun, ProcessResult } from './cli';

/** A finished `n8n execute` process and the execution JSON read from it, if there was one. */
export interface ExecutionOutcome extends ProcessResult {
	run?: ExecutionRun;
}

export interface ReportOptions {
	/** Values to mask wherever they appear (passwords, tokens a test knows). */
	secrets?: string[];
	/** How many of n8n's own last output lines to show. */
	tailLines?: number;
}

const TAIL_LINES = 40;
const ITEMS_SHOWN = 3;
const TEXT_LIMIT = 400;

/** The whole account of a run, several lines. */
export function describeExecution(outcome: ExecutionOutcome, options: ReportOptions = {}): string {
	const lines = [`n8n: ${processEnd(outcome)} after ${(outcome.ms / 1000).toFixed(1)} s`];
	const { run } = outcome;
	if (!run) lines.push('execution: n8n printed no execution JSON');
	else if (!run.data?.resultData) lines.push(`execution: ${run.status ?? 'no status'}; its data has no resultData: ${JSON.stringify(run.data)?.slice(0, TEXT_LIMIT)}`);
	else {
		const status = [run.status, run.finished === undefined ? undefined : run.finished ? 'finished' : 'not finished'];
		lines.push(`execution: ${status.filter(Boolean).join(', ') || 'no status'}; last node: ${run.data.resultData.lastNodeExecuted ?? 'none'}`);
		const error = run.data.resultData.error;
		if (error) lines.push(`error: ${errorLine(error)}`);
		const node = failingNode(run);
		if (node) lines.push(...nodeLines(run, node));
	}
	const tailLines = options.tailLines ?? TAIL_LINES;
	const tail = ownOutput(outcome).slice(-tailLines);
	lines.push(tail.length ? `n8n's own output, last ${tail.length} lines:` : "n8n's own output: nothing besides the execution JSON");
	lines.push(...tail.map((line) => `  | ${line}`));
	return mask(lines.join('\n'), options.secrets);
}

/** One line: why a run did not succeed, or '' when it did. */
export function failureCause(outcome: ExecutionOutcome): string {
	const { run } = outcome;
	if (!run) return `n8n printed no execution JSON (${processEnd(outcome)})`;
	const error = run.data.resultData.error;
	if (error) return mask(clip(errorLine(error)));
	if (run.status && run.status !== 'success') return `execution status ${run.status} (${processEnd(outcome)})`;
	if (outcome.code !== 0 && !outcome.signal) return `n8n ${processEnd(outcome)} after a successful execution`;
	return '';
}

function processEnd({ code, signal }: ProcessResult): string {
	if (signal) return `ended by signal ${signal} (no exit code)`;
	return `exited with code ${code}`;
}

function errorLine(error: NonNullable<ExecutionRun['data']['resultData']['error']>): string {
	const parts = [clip(error.message ?? '(no message)')];
	if (error.description) parts.push(clip(String(error.description)));
	const where = [error.node?.name ? `node "${error.node.name}"` : '', error.httpCode ? `HTTP ${error.httpCode}` : ''].filter(Boolean);
	return `${parts.join(' - ')}${where.length ? ` (${where.join(', ')})` : ''}`;
}

/** The node the error names, else the last one that ran. */
function failingNode(run: ExecutionRun): string | undefined {
	return run.data.resultData.error?.node?.name ?? run.data.resultData.lastNodeExecuted;
}

function nodeLines(run: ExecutionRun, node: string): string[] {
	const last = run.data.resultData.runData[node]?.at(-1);
	if (!last) return [`node "${node}": did not run`];
	const lines: string[] = [];
	const error = last.error && errorLine(last.error);
	if (error && error !== errorLine(run.data.resultData.error ?? {})) lines.push(`node "${node}" error: ${error}`);
	const items = (last.data?.main ?? []).flatMap((output) => output ?? []).map((item) => item.json);
	lines.push(`node "${node}" output: ${items.length} item(s)`);
	for (const item of items.slice(0, ITEMS_SHOWN)) lines.push(`  ${clip(JSON.stringify(item))}`);
	return lines;
}

/** n8n's stdout and stderr without the execution JSON block (the report already read it). */
function ownOutput({ stdout, stderr }: ProcessResult): string[] {
	const out = stdout.split('\n');
	const start = out.indexOf('{');
	const end = start < 0 ? -1 : out.indexOf('}', start);
	const logLines = start < 0 || end < 0 ? out : [...out.slice(0, start), `[execution JSON: ${end - start + 1} lines]`, ...out.slice(end + 1)];
	return [...logLines, ...stderr.split('\n').map((line) => (line ? `stderr: ${line}` : line))]
		.map((line) => line.trimEnd())
		.filter(Boolean)
		.map(clip);
}

function clip(text: string): string {
	return text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT)}...` : text;
}

/**
 * Masks the given secrets, then what looks like one in any output: JWTs, Authorization values,
 * and the values of token, password, secret and cookie fields.
 */
export function mask(text: string, secrets: string[] = []): string {
	return redactSecrets(text, secrets)
		.replace(/eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, '***')
		.replace(/\b(Bearer|Basic)\s+(?=[\w.~+/=-]*[\d=])[\w.~+/=-]{8,}/gi, '$1 ***')
		.replace(/("?[\w-]*(?:token|password|secret|cookie|assertion|authorization)[\w-]*"?\s*[:=]\s*)(?!(?:Bearer|Basic) )("[^"]*"|[^\s,;&}]+)/gi, '$1"***"');
}

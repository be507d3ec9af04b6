/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
import { readFileSync } from 'fs';
import { join } from 'path';
import { parseExecutionJson, type ProcessResult } from '../../e2e/harness/cli';
import { describeExecution, failureCause, mask, type ExecutionOutcome } from '../../e2e/harness/execution-report';

// Real `n8n execute --rawOutput` output of the demo's Basic workflow (see fixtures/README.md).
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

function outcome(name: string, end: Partial<ProcessResult> = {}): ExecutionOutcome {
	const stdout = fixture(`${name}.stdout`);
	return { code: 0, signal: null, stdout, stderr: fixture(`${name}.stderr`), ms: 12_400, run: parseExecutionJson(stdout), ...end };
}

describe.each(['2.41.1', '1.123.81'])('n8n %s', (version) => {
	it('a successful run has no failure cause, and its report names the node and its items', () => {
		const ok = outcome(`execute-${version}-success`);
		expect(failureCause(ok)).toBe('');
		const report = describeExecution(ok);
		expect(report).toContain('n8n: exited with code 0 after 12.4 s');
		expect(report).toContain('execution: success, finished; last node: List Todos');
		expect(report).toContain('node "List Todos" output: 2 item(s)');
		expect(report).toContain('"title":"Run n8n in queue mode"');
		// The execution JSON is summed up, not repeated; n8n's own log lines are kept.
		expect(report).toMatch(/\[execution JSON: \d+ lines\]/);
		expect(report).not.toContain('"resultData"');
	});

	it('a run n8n recorded as failed: the error, its description, the node and the HTTP status', () => {
		const failed = outcome(`execute-${version}-node-error`, { code: 1 });
		const cause = failureCause(failed);
		expect(cause).toMatch(/^Basic returned 404: Table "missing" does not exist in this project - .+ \(node "List Todos", HTTP 404\)$/);
		const report = describeExecution(failed);
		expect(report).toContain('n8n: exited with code 1');
		expect(report).toContain('execution: error');
		expect(report).toContain(`error: ${cause}`);
		// The node's own error is the execution's: said once.
		expect(report.match(/Basic returned 404: Table/g)?.length).toBe(1 + (report.match(/\| .*Basic returned 404: Table/g)?.length ?? 0));
		expect(report).toContain('node "List Todos" output: 0 item(s)');
	});

	it('a successful execution n8n printed in full before a signal ended the process is a success, and the report says so', () => {
		const killed = outcome(`execute-${version}-success`, { code: null, signal: 'SIGSEGV' });
		expect(failureCause(killed)).toBe('');
		expect(describeExecution(killed)).toContain('n8n: ended by signal SIGSEGV (no exit code)');
	});
});

describe('failureCause without a complete execution', () => {
	it('output cut off inside the execution JSON: no execution, and the process end', () => {
		const full = fixture('execute-2.41.1-success.stdout');
		const cut = { code: null, signal: 'SIGKILL' as const, stdout: full.slice(0, full.length / 2), stderr: '', ms: 180_000 };
		expect(parseExecutionJson(cut.stdout)).toBeUndefined();
		expect(failureCause(cut)).toBe('n8n printed no execution JSON (ended by signal SIGKILL (no exit code))');
		expect(describeExecution(cut)).toContain('execution: n8n printed no execution JSON');
	});

	it('an exit code other than 0 after a successful execution is a failure', () => {
		expect(failureCause(outcome('execute-2.41.1-success', { code: 1 }))).toBe('n8n exited with code 1 after a successful execution');
	});
});

describe("n8n's own output in the report", () => {
	it('keeps the last lines, stdout then stderr, at most as many as asked', () => {
		const stdout = Array.from({ length: 60 }, (_, i) => `log line ${i + 1}`).join('\n');
		const report = describeExecution({ code: 1, signal: null, stdout, stderr: 'boom\n', ms: 1000 }, { tailLines: 5 });
		expect(report).toContain("n8n's own output, last 5 lines:");
		expect(report.split('\n').filter((l) => l.startsWith('  | '))).toEqual(['  | log line 57', '  | log line 58', '  | log line 59', '  | log line 60', '  | stderr: boom']);
	});
});

describe('mask', () => {
	it('masks given secrets, JWTs, Authorization values and token, password, secret and cookie fields', () => {
		const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLWJ5dGVz';
		const text = [
			`token answer ${jwt}`,
			'Authorization: Bearer abcdefgh12345678',
			'{"access_token":"at-123456","refresh_token": "rt-123456","password":"hunter22"}',
			'client_secret=s3cr3t-value&grant_type=password',
			'the known value pa55word-xyz here',
		].join('\n');
		const masked = mask(text, ['pa55word-xyz']);
		for (const secret of [jwt, 'abcdefgh12345678', 'at-123456', 'rt-123456', 'hunter22', 's3cr3t-value', 'pa55word-xyz']) {
			expect(masked).not.toContain(secret);
		}
		expect(masked).toContain('grant_type=password');
		expect(masked).toContain('Bearer ***');
	});

	it('the report masks what n8n printed', () => {
		const report = describeExecution({ code: 1, signal: null, stdout: 'refresh failed for refresh_token=rt-abcdef\n', stderr: '', ms: 1 }, { secrets: [] });
		expect(report).not.toContain('rt-abcdef');
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
import { readFileSync } from 'fs';
import { join } from 'path';
import { nodeItems, parseExecutionJson } from '../../e2e/harness/cli';

// Real `n8n execute --rawOutput` output (see fixtures/README.md): on 2.x log lines before the
// execution JSON, and on a failed run n8n's error lines after it.
const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe.each(['2.41.1', '1.123.81'])('parseExecutionJson on n8n %s output', (version) => {
	it('reads the execution of a successful run', () => {
		const stdout = fixture(`execute-${version}-success.stdout`);
		const run = parseExecutionJson(stdout);
		expect(run?.status).toBe('success');
		expect(nodeItems(run!, 'List Todos').map((row) => row.id)).toEqual(['t3', 't1']);
	});

	it('reads a failed execution followed by n8n error lines', () => {
		const stdout = fixture(`execute-${version}-node-error.stdout`);
		const lines = stdout.trimEnd().split('\n');
		expect(lines[lines.length - 1]).not.toBe('}');
		const run = parseExecutionJson(stdout);
		expect(run?.data.resultData.error?.message).toMatch(/^Basic returned 404/);
		expect(nodeItems(run!, 'List Todos')).toEqual([]);
	});

	it('finds nothing in output cut off inside the execution JSON', () => {
		const stdout = fixture(`execute-${version}-success.stdout`);
		expect(parseExecutionJson(stdout.slice(0, stdout.lastIndexOf('}')))).toBeUndefined();
	});
});

it('n8n 2.x prints its log lines on stdout before the execution JSON', () => {
	const stdout = fixture('execute-2.41.1-success.stdout');
	expect(stdout.split('\n')[0]).toMatch(/^n8n Task Broker ready/);
	expect(parseExecutionJson(stdout)?.status).toBe('success');
});

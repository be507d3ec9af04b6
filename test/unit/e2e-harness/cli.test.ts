/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { N8nCli, nodeItems, parseExecutionJson } from '../../e2e/harness/cli';
import type { N8nLine } from '../../e2e/harness/line';

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

describe('N8nCli.run', () => {
	// A stand-in for n8n's binary that does what `n8n execute` does at its end: prints a large
	// execution JSON and calls process.exit() at once. Through a pipe, Node wrote the first 64 KB
	// and process.exit() dropped the rest (n8n 1.x and 2.x alike, 1000-item runs).
	const folder = mkdtempSync(join(tmpdir(), 'cli-run-'));
	const fakeN8n = join(folder, 'n8n.js');
	const items = 20_000;
	writeFileSync(
		fakeN8n,
		`const items = Array.from({ length: ${items} }, (_, i) => ({ json: { item: i } }));\n` +
			`process.stdout.write(JSON.stringify({ status: 'success', items }, null, 2) + '\\n');\n` +
			'process.exit(0);\n',
	);
	const line: N8nLine = { line: '2', version: 'stand-in', nodeBin: process.execPath, n8nBin: fakeN8n, env: {} };
	afterAll(() => rmSync(folder, { recursive: true, force: true }));

	it('keeps all of a large output printed just before process.exit()', async () => {
		const result = await new N8nCli(line, folder).run(['execute']);
		expect(result.code).toBe(0);
		expect(result.stdout.length).toBeGreaterThan(1_000_000);
		const printed = JSON.parse(result.stdout) as { items: unknown[] };
		expect(printed.items).toHaveLength(items);
	});
});

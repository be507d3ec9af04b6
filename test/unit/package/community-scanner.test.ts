/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// The scanner step of `npm run lint` (scripts/scan-package.mjs, n8n's @n8n/scan-community-package)
// must fail when a package breaks one of n8n's rules, not only pass on this one.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

/** A copy of what the source scan reads: package.json, credentials, nodes and their icons. */
function copyOfSources(): string {
	const dir = mkdtempSync(join(tmpdir(), 'token-auth-scan-'));
	for (const part of ['package.json', 'credentials', 'nodes', 'icons']) cpSync(join(root, part), join(dir, part), { recursive: true });
	return dir;
}

function scan(dir: string) {
	// Without jest's NODE_ENV=test: n8n's lint plugin then reads every file as one of its own test cases.
	const env = { ...process.env, NODE_ENV: undefined };
	const run = spawnSync(process.execPath, [join(root, 'scripts/scan-package.mjs'), '--source', dir], { encoding: 'utf8', timeout: 120_000, env });
	return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('n8n community-package scanner (offline, part of npm run lint)', () => {
	let dir: string;
	beforeEach(() => (dir = copyOfSources()));
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('passes on the package sources as they are', () => {
		const result = scan(dir);
		expect(result).toEqual({ code: 0, output: expect.stringContaining('passed') });
	});

	it('fails with the rule named when the package gains a runtime dependency', () => {
		const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
		writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, dependencies: { axios: '^1.0.0' } }, null, 2));
		const result = scan(dir);
		expect(result.code).toBe(1);
		expect(result.output).toContain('@n8n/community-nodes/no-runtime-dependencies');
	});

	it('fails when package code writes to the console', () => {
		const file = join(dir, 'credentials/BearerTokenApi.credentials.ts');
		writeFileSync(file, `${readFileSync(file, 'utf8')}\nconsole.log('debug');\n`);
		const result = scan(dir);
		expect(result.code).toBe(1);
		expect(result.output).toMatch(/BearerTokenApi\.credentials\.ts[\s\S]*no-console/);
	});
});

// Keeps the linter honest about the tarball half too: the packed file list is what n8n installs.
it('packs only dist, package.json, README and LICENSE', () => {
	const listing = execFileSync('npm', ['pack', '--dry-run', '--json', '--cache', join(root, '.cache/npm')], { cwd: root, encoding: 'utf8' });
	const files = (JSON.parse(listing) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path);
	expect(files.filter((f) => !/^(dist\/|package\.json$|README\.md$|LICENSE$)/.test(f))).toEqual([]);
	expect(files).toContain('dist/credentials/BasicToBearerApi.credentials.js');
});

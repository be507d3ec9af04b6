/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// Builds and packs the package once per run and unpacks it once, then copies it into each n8n user
// folder the way n8n installs a community package: <userFolder>/.n8n/nodes/node_modules/<name>.
import { execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'fs';
import { basename, join } from 'path';
import { repoRoot } from './line';

export const packageName = 'n8n-nodes-token-auth';
const packDir = join(repoRoot, '.cache/e2e-pack');

/** Path of the packed tarball; builds and packs unless E2E_TARBALL names an existing one. */
export function packedTarball(): string {
	const given = process.env.E2E_TARBALL;
	if (given && existsSync(given)) return given;
	rmSync(packDir, { recursive: true, force: true });
	mkdirSync(packDir, { recursive: true });
	execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
	execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir, '--cache', join(repoRoot, '.cache/npm')], {
		cwd: repoRoot,
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
	if (!tarball) throw new Error(`npm pack left no tarball in ${packDir}`);
	process.env.E2E_TARBALL = join(packDir, tarball);
	return process.env.E2E_TARBALL;
}

/**
 * The tarball unpacked once, copied into each user folder. Under node_modules/.cache,
 * which eslint never reads (n8n-node lint reads everything else but dist).
 */
function unpackedOnce(tarball: string): string {
	const unpackRoot = join(repoRoot, 'node_modules/.cache/e2e-unpacked');
	mkdirSync(unpackRoot, { recursive: true });
	// Named by the tarball's digest: a later run's tarball never meets an earlier run's files.
	const digest = createHash('sha256').update(readFileSync(tarball)).digest('hex').slice(0, 16);
	const unpacked = join(unpackRoot, `${basename(tarball)}-${digest}`);
	if (existsSync(join(unpacked, 'package/package.json'))) return join(unpacked, 'package');
	// Workers of one run may unpack at the same time: each into its own folder, then one rename wins.
	const unpack = mkdtempSync(`${unpacked}.unpacking-`);
	execFileSync('tar', ['xzf', tarball, '-C', unpack]);
	try {
		renameSync(unpack, unpacked);
	} catch {
		rmSync(unpack, { recursive: true, force: true });
	}
	return join(unpacked, 'package');
}

/** Copies the unpacked tarball into <userFolder>/.n8n/nodes/node_modules/n8n-nodes-token-auth. */
export function installPackage(userFolder: string, tarball = packedTarball()): string {
	const nodesDir = join(userFolder, '.n8n/nodes');
	const target = join(nodesDir, 'node_modules', packageName);
	rmSync(target, { recursive: true, force: true });
	mkdirSync(join(nodesDir, 'node_modules'), { recursive: true });
	cpSync(unpackedOnce(tarball), target, { recursive: true });
	// n8n keeps a package.json in .n8n/nodes listing what it installed there.
	const version = (JSON.parse(readFileSync(join(target, 'package.json'), 'utf8')) as { version: string }).version;
	writeFileSync(
		join(nodesDir, 'package.json'),
		JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { [packageName]: version } }, null, 2),
	);
	return target;
}

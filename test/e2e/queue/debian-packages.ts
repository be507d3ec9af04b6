/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// Redis and PostgreSQL from Debian's packages: installed with apt-get when missing (once per
// machine), never started as system services: the harness starts its own processes.
import { execFileSync } from 'child_process';
import { existsSync, readdirSync } from 'fs';
import { join } from 'path';

export interface DebianServers {
	redisServer: string;
	/** Folder of initdb, postgres, createdb. */
	postgresBin: string;
}

const REDIS = '/usr/bin/redis-server';

function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
	return versions.map((v) => join(root, v, 'bin')).find((dir) => existsSync(join(dir, 'postgres')));
}

export function ensureDebianServers(): DebianServers {
	const missing = [...(existsSync(REDIS) ? [] : ['redis-server']), ...(postgresBinDir() ? [] : ['postgresql'])];
	if (missing.length > 0) {
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
		execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', '-o', 'DPkg::Lock::Timeout=600', ...missing], { stdio: 'inherit', env });
	}
	const postgresBin = postgresBinDir();
	if (!existsSync(REDIS) || postgresBin === undefined) throw new Error('redis-server or postgres is still missing after apt-get install');
	return { redisServer: REDIS, postgresBin };
}

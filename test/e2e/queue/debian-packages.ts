/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// Redis and PostgreSQL from Debian's packages: installed when missing (once per machine, by
// scripts/install-debian-packages.sh), never started as system services: the harness starts its own processes.
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
		// One apt run at a time on the machine: both n8n lines' specs and .ci/run's installs ahead may ask at once.
		execFileSync('bash', [join(__dirname, '../../../scripts/install-debian-packages.sh'), ...missing], { stdio: 'inherit' });
	}
	const postgresBin = postgresBinDir();
	if (!existsSync(REDIS) || postgresBin === undefined) throw new Error('redis-server or postgres is still missing after apt-get install');
	return { redisServer: REDIS, postgresBin };
}

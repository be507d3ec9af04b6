/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// PostgreSQL for n8n's data: a fresh cluster in a private folder owned by the postgres user,
// its own server process on 127.0.0.1 with a private port, trust authentication.
import { execFileSync } from 'child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'fs';
import { join } from 'path';
import { freePort } from '../harness/ports';
import { OwnedProcess } from './owned-process';
import { waitFor } from './wait';

export interface Postgres {
	port: number;
	database: string;
	process: OwnedProcess;
	/** Runs one SQL statement with psql; its rows, one a line, columns split by `|`. */
	query(sql: string): string[];
}

const asPostgres = (bin: string, args: string[]) => ['-u', 'postgres', '--', bin, ...args];

export async function startPostgres(binDir: string, dir: string, database = 'n8n'): Promise<Postgres> {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const { uid, gid } = postgresIds();
	chownSync(dir, uid, gid);
	const data = join(dir, 'data');
	execFileSync('runuser', asPostgres(join(binDir, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8']), { stdio: 'ignore' });
	const port = await freePort();
	const args = ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'];
	// The postmaster's own PID (first line of postmaster.pid): runuser only waits for it.
	const pid = () => {
		const file = join(data, 'postmaster.pid');
		return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : undefined;
	};
	const owned = OwnedProcess.start('postgres', 'runuser', asPostgres(join(binDir, 'postgres'), args), {}, pid);
	await waitFor(`postgres on ${port}`, 30_000, () => owned.log.includes('ready to accept connections'), owned);
	execFileSync('runuser', asPostgres(join(binDir, 'createdb'), ['-h', dir, '-p', String(port), database]), { stdio: 'ignore' });
	const query = (sql: string) =>
		execFileSync('runuser', asPostgres(join(binDir, 'psql'), ['-h', dir, '-p', String(port), '-d', database, '-tAc', sql]))
			.toString()
			.split('\n')
			.filter((row) => row.length > 0);
	return { port, database, process: owned, query };
}

function postgresIds(): { uid: number; gid: number } {
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
	return { uid, gid };
}

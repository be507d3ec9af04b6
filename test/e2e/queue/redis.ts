/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// Redis for n8n's queue: its own process on 127.0.0.1, a private port, no persistence.
import { mkdirSync } from 'fs';
import { freePort } from '../harness/ports';
import { OwnedProcess } from './owned-process';
import { waitFor } from './wait';

export interface Redis {
	port: number;
	process: OwnedProcess;
}

export async function startRedis(redisServer: string, dir: string): Promise<Redis> {
	mkdirSync(dir, { recursive: true });
	const port = await freePort();
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
	const owned = OwnedProcess.start('redis', redisServer, args, { cwd: dir });
	await waitFor(`redis on ${port}`, 20_000, () => owned.log.includes('Ready to accept connections'), owned);
	return { port, process: owned };
}

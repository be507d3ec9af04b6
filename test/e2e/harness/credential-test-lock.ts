/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test code, not shipped: linted by eslint.tests.config.mjs */
// One credential test at a time per n8n, across jest workers. n8n runs a credential's test
// request on a mock node kept in a module-wide map under one name (`n8n-nodes-base.noOp`) and
// deletes it when the test ends (credentials-tester.service.js, `mockNodesData`, both lines): a
// second test still running in the same process then fails with "Node not found". Specs on the
// run's shared n8n test credentials side by side, so they take turns here; each test still
// asserts on what n8n answered.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { waitUntil } from '../../support/wait-until';
import { scratchRoot } from './line';

const WAIT_MS = 50;
/** Bounded: a test holds the lock for one credential test (a login at most). */
const GIVE_UP_MS = 300_000;

function holderAlive(lockDir: string): boolean {
	let pid: number;
	try {
		pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
	} catch {
		return true; // its pid not written yet (or the lock just went): look again
	}
	if (!pid) return true;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Takes the lock folder when it is free; clears it when its holder has exited (taken on a later look). */
function tryTake(lockDir: string): boolean {
	try {
		mkdirSync(lockDir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		if (!holderAlive(lockDir)) rmSync(lockDir, { recursive: true, force: true });
		return false;
	}
	writeFileSync(join(lockDir, 'pid'), String(process.pid));
	return true;
}

export async function oneCredentialTestAtATime<T>(baseUrl: string, test: () => Promise<T>): Promise<T> {
	mkdirSync(scratchRoot, { recursive: true });
	const lockDir = join(scratchRoot, `credential-test-${new URL(baseUrl).port}.lock`);
	await waitUntil(`the credential-test lock ${lockDir}`, () => tryTake(lockDir), GIVE_UP_MS, WAIT_MS);
	try {
		return await test();
	} finally {
		rmSync(lockDir, { recursive: true, force: true });
	}
}

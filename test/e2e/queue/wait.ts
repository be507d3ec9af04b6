/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, not shipped: linted by eslint.tests.config.mjs */
import type { OwnedProcess } from './owned-process';

/** Polls `ready` every 250 ms until it holds; fails early when `owner` exits. */
export async function waitFor(what: string, timeoutMs: number, ready: () => boolean | Promise<boolean>, owner?: OwnedProcess): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (owner !== undefined && !owner.running) throw new Error(`${what}: ${owner.name} exited\n${owner.log.slice(-4000)}`);
		if (await ready()) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`${what}: not ready within ${timeoutMs} ms\n${owner?.log.slice(-4000) ?? ''}`);
}

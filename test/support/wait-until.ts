/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * Polls `condition` until it holds, for a state that comes with time (a token reaching its expiry):
 * the wait ends as soon as the state is there, however slow the machine, and a state that never
 * comes fails with its name instead of a later, puzzling assertion.
 */
export async function waitUntil(what: string, condition: () => boolean, timeoutMs: number, everyMs = 100): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() >= deadline) throw new Error(`waited ${timeoutMs} ms for ${what}, in vain`);
		await new Promise((resolve) => setTimeout(resolve, everyMs));
	}
}

/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, not shipped: linted by eslint.tests.config.mjs */
// What the in-process benchmark scripts share: each call timed alone after a warm-up, and the
// median and quantiles of the sorted times.

/** Microseconds of each of `count` calls of `work`, sorted, after `warmUp` untimed calls. */
export function timeEach(count: number, warmUp: number, work: () => unknown): number[] {
	for (let i = 0; i < warmUp; i++) work();
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		const start = process.hrtime.bigint();
		work();
		times.push(Number(process.hrtime.bigint() - start) / 1000);
	}
	return times.sort((a, b) => a - b);
}

export const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export const median = (sorted: number[]) =>
	sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;

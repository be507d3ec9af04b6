import { JwtCache, reuseUntilMs } from '../../../credentials/common/self-signed/jwt-cache';

describe('JwtCache', () => {
	it('gives the kept JWT until its reuse ends, then nothing', () => {
		const cache = new JwtCache();
		cache.set('d1', 'jwt-1', 10_000);
		expect(cache.get('d1', 9_999)).toBe('jwt-1');
		expect(cache.get('d1', 10_000)).toBeUndefined();
		expect(cache.size).toBe(0);
	});

	it('keeps one JWT per settings digest', () => {
		const cache = new JwtCache();
		cache.set('d1', 'jwt-1', 10_000);
		cache.set('d2', 'jwt-2', 10_000);
		expect([cache.get('d1', 0), cache.get('d2', 0)]).toEqual(['jwt-1', 'jwt-2']);
	});

	it('is bounded: the oldest entry goes first', () => {
		const cache = new JwtCache(3);
		for (const n of [1, 2, 3, 4]) cache.set(`d${n}`, `jwt-${n}`, 10_000);
		expect(cache.size).toBe(3);
		expect(cache.get('d1', 0)).toBeUndefined();
		expect(cache.get('d4', 0)).toBe('jwt-4');
	});
});

describe('reuseUntilMs', () => {
	it.each([
		[1200, 60, 'a tenth of 20 minutes is more than a minute: a minute'],
		[300, 30, 'a tenth of five minutes'],
		[20, 5, 'at least 5 s'],
	])('lifetime %i s: stops %i s before exp (%s)', (lifetime, margin) => {
		expect(reuseUntilMs(1000, lifetime)).toBe((1000 + lifetime - margin) * 1000);
	});
});

import { hasExpired, renewalDue, tokenStateFrom, type TokenState } from '../../../credentials/common/engine/state';

const at = (expiresInSeconds: number | undefined, obtainedAt = 0): TokenState =>
	tokenStateFrom({ accessToken: 't', expiresInSeconds }, 'fp', obtainedAt);

describe('renewalDue', () => {
	it.each([
		['an hour-long token, just issued', at(3600), 1_000, false],
		['an hour-long token, 61 s before expiry', at(3600), 3_539_000, false],
		['an hour-long token, 60 s before expiry', at(3600), 3_540_000, true],
		['an hour-long token, expired', at(3600), 3_700_000, true],
		['a 10 s token at 7.9 s', at(10), 7_900, false],
		['a 10 s token at 8 s (last 20 %)', at(10), 8_000, true],
		['a token without lifetime, a year later', at(undefined), 31_536_000_000, false],
		['a zero-lifetime token', at(0), 0, true],
	])('%s: %p', (_name, state, now, due) => {
		expect(renewalDue(state, now)).toBe(due);
	});

	it.each([
		[0.5, 8_900, false],
		[0.5, 9_000, true],
		[0.2, 9_600, true],
		[0.2, 9_500, false],
	])('a 10 s token renewed in the last share %p of its margin, at %i ms: %p', (share, now, due) => {
		expect(renewalDue(at(10), now, share)).toBe(due);
	});
});

describe('token state', () => {
	it('keeps an old refresh token when a refresh answer carries none', () => {
		expect(tokenStateFrom({ accessToken: 'b' }, 'fp', 0, 'kept').refreshToken).toBe('kept');
		expect(tokenStateFrom({ accessToken: 'b', refreshToken: 'rotated' }, 'fp', 0, 'kept').refreshToken).toBe('rotated');
	});
});

describe('hasExpired', () => {
	it.each([
		[at(10), 9_999, false],
		[at(10), 10_000, true],
		[at(undefined), 1e12, false],
	])('%p at %i: %p', (state, now, expired) => {
		expect(hasExpired(state, now)).toBe(expired);
	});
});

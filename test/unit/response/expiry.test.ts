import { readExpiryValue, jwtExpiresAt, expiresAtOf, readLifetimeSeconds } from '../../../credentials/common/response/expiry';
import { readTokenResponse } from '../../../credentials/common/response/token';
import { jsonAnswer, OAUTH2_KEYS } from './token-answers';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.c2lnbmF0dXJl`;
const keys = OAUTH2_KEYS;
const answer = (body: unknown) => jsonAnswer(body);

describe('JWT exp (read, not verified)', () => {
	it.each([
		['a JWT with exp', jwt({ sub: 'a', exp: 2_000_000_000 }), 2_000_000_000_000],
		['a JWT without exp', jwt({ sub: 'a' }), undefined],
		['a JWT with a string exp', jwt({ exp: '2000000000' }), undefined],
		['a JWT whose payload is no JSON', `${b64url({ alg: 'none' })}.${Buffer.from('nope').toString('base64url')}.x`, undefined],
		['an opaque token', 'lab-0123456789abcdef', undefined],
		['two dots but no payload', 'a..b', undefined],
		['a payload with characters outside base64url', 'a.b$c.d', undefined],
	])('%s', (_, token, expected) => {
		expect(jwtExpiresAt(token)).toBe(expected);
	});
});

describe('Expiry Format', () => {
	it.each([
		['secondsFromNow', 3600, { expiresInSeconds: 3600 }],
		['secondsFromNow', '90', { expiresInSeconds: 90 }],
		['unixSeconds', 2_000_000_000, { expiresAt: 2_000_000_000_000 }],
		['unixSeconds', '2000000000', { expiresAt: 2_000_000_000_000 }],
		['unixMilliseconds', 2_000_000_000_123, { expiresAt: 2_000_000_000_123 }],
		['iso8601', '2026-03-01T12:00:00Z', { expiresAt: Date.UTC(2026, 2, 1, 12) }],
		['iso8601', '2026-03-01T12:00:00.500+01:00', { expiresAt: Date.UTC(2026, 2, 1, 11, 0, 0, 500) }],
		['unixSeconds', '', {}],
		['iso8601', null, {}],
	] as const)('%s reads %p', (format, value, expected) => {
		expect(readExpiryValue(value, format, 'data.expires')).toEqual(expected);
	});

	it.each([
		['secondsFromNow', 'soon'],
		['unixSeconds', -5],
		['unixMilliseconds', { at: 1 }],
		['iso8601', 1_700_000_000],
		['iso8601', 'tomorrow'],
		['iso8601', '2026-13-45T99:00:00Z'],
	] as const)('%s refuses %p, naming the key and the format', (format, value) => {
		expect(() => readExpiryValue(value, format, 'data.expires')).toThrow(/"data\.expires" \(Expiry Key\).*Expiry Format/);
	});
});

describe('when an issued token expires', () => {
	const now = 1_800_000_000_000;
	it.each([
		['an absolute expiry', { accessToken: 't', expiresAt: now + 5000 }, now + 5000],
		['a lifetime', { accessToken: 't', expiresInSeconds: 60 }, now + 60_000],
		['a lifetime before a JWT exp', { accessToken: jwt({ exp: now / 1000 + 999 }), expiresInSeconds: 60 }, now + 60_000],
		['a JWT exp that comes before the lifetime (exp counts whole seconds from signing)', { accessToken: jwt({ exp: now / 1000 + 59 }), expiresInSeconds: 60 }, now + 59_000],
		['the lifetime when the JWT exp is already past (a skewed issuer clock)', { accessToken: jwt({ exp: now / 1000 - 5 }), expiresInSeconds: 60 }, now + 60_000],
		['a JWT exp when the answer gives none', { accessToken: jwt({ exp: now / 1000 + 120 }) }, now + 120_000],
		['nothing for a JWT exp already past', { accessToken: jwt({ exp: now / 1000 - 1 }) }, undefined],
		['nothing for an opaque token without lifetime', { accessToken: 'opaque' }, undefined],
	])('takes %s', (_, issued, expected) => {
		expect(expiresAtOf(issued, now)).toBe(expected);
	});

	it('refuses an absolute expiry already past (a wrong Expiry Format would renew on every request)', () => {
		expect(() => expiresAtOf({ accessToken: 't', expiresAt: 1_800_000_000 }, now)).toThrow(/already past: check the Expiry Format/);
	});
});

describe('expires_in: what every edge value means', () => {
	const field = 'The token endpoint\'s "expires_in"';
	it.each([
		['absent', undefined, undefined],
		['null', null, undefined],
		['an empty string', '', undefined],
		['0 (no stated lifetime, as many servers mean it)', 0, undefined],
		['"0"', '0', undefined],
		['-0', -0, undefined],
		['1 (the shortest lifetime accepted)', 1, 1],
		['3600', 3600, 3600],
		['a fractional 1.5', 1.5, 1.5],
		['a numeric string with spaces', ' 120 ', 120],
		['"+60"', '+60', 60],
		['over a billion seconds (read as no stated lifetime)', 2e9, undefined],
		['Number.MAX_VALUE (read as no stated lifetime)', Number.MAX_VALUE, undefined],
	])('reads %s', (_name, value, seconds) => {
		expect(readLifetimeSeconds(value, field)).toBe(seconds);
	});

	it.each([
		['-5', -5, /"expires_in" is -5, a negative number of seconds/],
		['"-5"', '-5', /is -5, a negative number of seconds/],
		['-0.5', -0.5, /is -0.5, a negative number of seconds/],
		['0.5 (a login per request)', 0.5, /is 0.5, less than one second: no request could use the token/],
		['0.001', 0.001, /is 0.001, less than one second/],
		['"soon"', 'soon', /is text that is not a number of seconds/],
		['"3600s"', '3600s', /is text that is not a number of seconds/],
		['"0x10" (no hex)', '0x10', /is text that is not a number of seconds/],
		['"1e3" (no exponent)', '1e3', /is text that is not a number of seconds/],
		['"Infinity"', 'Infinity', /is text that is not a number of seconds/],
		['NaN', NaN, /is not a finite number of seconds/],
		['Infinity', Infinity, /is not a finite number of seconds/],
		['true', true, /is the boolean true, not a number of seconds/],
		['an object', { seconds: 60 }, /is an object, not a number of seconds/],
		['an array', [60], /is an array, not a number of seconds/],
	])('refuses %s with words that match it', (_name, value, message) => {
		expect(() => readLifetimeSeconds(value, field)).toThrow(message);
	});

	it('names the field and its label through readTokenResponse', () => {
		expect(() => readTokenResponse(answer({ access_token: 't', expires_in: -5 }), keys, [])).toThrow(
			'The token endpoint\'s "expires_in" (OAuth2 expires_in) is -5, a negative number of seconds',
		);
	});
});

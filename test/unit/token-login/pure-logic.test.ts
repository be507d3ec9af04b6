import { readExpiryValue } from '../../../credentials/common/response/expiry';
import { jwtExpiresAt } from '../../../credentials/common/response/expiry';
import { formLoginBody, jsonLoginBody, parseExtraLoginFields } from '../../../credentials/common/schemes/login-body';
import { tokenFromCookie, tokenFromHeader } from '../../../credentials/common/response/token';
import { expiresAtOf } from '../../../credentials/common/response/expiry';
import { authorizationPlacement, placeToken, withCookie } from '../../../credentials/common/placement/placement';
import type { IHttpRequestOptions } from 'n8n-workflow';
import { tokenLoginScheme } from '../../../credentials/common/schemes/token-login';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.c2lnbmF0dXJl`;

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

describe('token placement', () => {
	const legacy = (): IHttpRequestOptions => ({ uri: 'http://x/api', qs: { page: 2 }, headers: { authorization: 'old', Cookie: 'a=1; session=old' } }) as never;
	it.each([
		['Authorization with Bearer', authorizationPlacement({}), { headers: { Cookie: 'a=1; session=old', Authorization: 'Bearer T' }, qs: { page: 2 } }],
		['Authorization raw', authorizationPlacement({ omitBearerPrefix: true }), { headers: { Cookie: 'a=1; session=old', Authorization: 'T' } }],
		['a custom header, custom prefix', { sendAs: 'header', headerName: 'X-Auth', prefix: 'Token ' }, { headers: { authorization: 'old', Cookie: 'a=1; session=old', 'X-Auth': 'Token T' } }],
		['a header with an empty prefix', { sendAs: 'header', headerName: 'X-Auth', prefix: '' }, { headers: { authorization: 'old', Cookie: 'a=1; session=old', 'X-Auth': 'T' } }],
		['a query parameter next to the others', { sendAs: 'query', parameterName: 'access_token' }, { qs: { page: 2, access_token: 'T' } }],
		['a cookie merged with the request\'s cookies', { sendAs: 'cookie', cookieName: 'session' }, { headers: { authorization: 'old', Cookie: 'a=1; session=T' } }],
	] as const)('%s', (_, placement, expected) => {
		expect(placeToken(legacy(), placement as never, 'T')).toMatchObject(expected);
	});

	it('adds a query parameter and a cookie to a request that has none (url shape)', () => {
		expect(placeToken({ url: 'http://x' }, { sendAs: 'query', parameterName: 'key' }, 'T')).toEqual({ url: 'http://x', qs: { key: 'T' } });
		expect(placeToken({ url: 'http://x' }, { sendAs: 'cookie', cookieName: 'sid' }, 'T')).toEqual({ url: 'http://x', headers: { Cookie: 'sid=T' } });
	});

	it.each([
		[undefined, 'sid=T'],
		['', 'sid=T'],
		['sid=old', 'sid=T'],
		['theme=dark;  sid=old ; lang=en', 'theme=dark; lang=en; sid=T'],
		[['a=1', 'b=2'], 'a=1; b=2; sid=T'],
	])('a Cookie header %p becomes %p', (existing, expected) => {
		expect(withCookie(existing, 'sid', 'T')).toBe(expected);
	});
});

describe('login body', () => {
	it('nests dot paths in JSON over the extra fields, keeping JSON types', () => {
		expect(
			jsonLoginBody([['auth.email', 'a@b.c'], ['auth.secret', 'pw']], { remember: true, auth: { realm: 'main' }, tries: 3 }),
		).toEqual({ remember: true, tries: 3, auth: { realm: 'main', email: 'a@b.c', secret: 'pw' } });
	});

	it('does not change the extra fields it was given', () => {
		const extra = { auth: { realm: 'main' } };
		jsonLoginBody([['auth.user', 'u']], extra);
		expect(extra).toEqual({ auth: { realm: 'main' } });
	});

	it.each([
		[[['auth.user', 'u']], { auth: 'flat' }, /"auth\.user" cannot be set: "auth"/],
		[[['a..b', 'u']], {}, /not a usable field path/],
	] as const)('refuses a path it cannot write: %p', (fields, extra, message) => {
		expect(() => jsonLoginBody(fields as never, extra)).toThrow(message);
	});

	it('keeps dot names literal in a form and lets the credentials win over extra fields', () => {
		expect(formLoginBody([['user.name', 'u'], ['pass', 'p w&']], { pass: 'extra', lang: 'en', n: 1 }).toString()).toBe(
			'pass=p+w%26&lang=en&n=1&user.name=u',
		);
		expect(() => formLoginBody([], { nested: { a: 1 } })).toThrow(/"nested" holds an object/);
	});

	it.each([
		['', {}],
		['{"remember": true, "n": 2}', { remember: true, n: 2 }],
		[{ a: 'b' }, { a: 'b' }],
	])('Extra Login Fields %p', (text, expected) => {
		expect(parseExtraLoginFields(text)).toEqual(expected);
	});

	it.each(['{nope', '[1]', '"text"'])('Extra Login Fields refuses %p', (text) => {
		expect(() => parseExtraLoginFields(text)).toThrow(/Extra Login Fields/);
	});
});

describe('token from the answer headers', () => {
	it.each([
		[{ 'x-auth-token': 'abc' }, 'X-Auth-Token', 'abc'],
		[{ authorization: 'Bearer abc' }, 'Authorization', 'abc'],
		[{ 'x-auth-token': ['abc', 'def'] }, 'x-auth-token', 'abc'],
		[{ 'x-auth-token': '  ' }, 'x-auth-token', undefined],
		[{}, 'x-auth-token', undefined],
	])('header in %p named %p', (headers, name, expected) => {
		expect(tokenFromHeader(headers, name)).toBe(expected);
	});

	it.each([
		[['theme=dark; Path=/', 'sid=s3cr3t; HttpOnly; Max-Age=60'], 'sid', 's3cr3t'],
		['sid="quoted"; Path=/', 'sid', 'quoted'],
		[['sidx=1', 'sid=; Max-Age=0'], 'sid', undefined],
		[undefined, 'sid', undefined],
	])('cookie in %p named %p', (setCookie, name, expected) => {
		expect(tokenFromCookie(setCookie === undefined ? {} : { 'set-cookie': setCookie }, name)).toBe(expected);
	});
});

describe('issued tokens that cannot travel in a header are refused, wherever the login put them', () => {
	const login = (location: string, key: string) =>
		tokenLoginScheme.readSettings({ loginUrl: 'https://login.example/', username: 'u', password: 'p', answerLocation: location, answerKey: key });
	const ESC = '\u001b';
	it.each([
		['body', 'data.token', { statusCode: 200, headers: {}, body: JSON.stringify({ data: { token: `abc${ESC}def` } }) }, '"data.token" (Token Key)'],
		['header', 'X-Auth-Token', { statusCode: 200, headers: { 'x-auth-token': `abc${ESC}def` }, body: '' }, '"X-Auth-Token" header (Token Key)'],
		['cookie', 'sid', { statusCode: 204, headers: { 'set-cookie': [`sid=abc${ESC}def; Path=/`] }, body: '' }, '"sid" cookie (Token Key)'],
	])('token in the %s', (location, key, response, field) => {
		expect(() => tokenLoginScheme.readResponse(login(location, key), response)).toThrow(
			`The token endpoint's ${field} contains the control character U+001B, which an HTTP header cannot carry: the token was refused and nothing was stored`,
		);
	});
});

// Edge values a hostile or careless token endpoint (or user) can produce, each with its meaning.
import { readBearerToken } from '../../../credentials/common/schemes/bearer-token';
import { requireHttpUrl } from '../../../credentials/common/schemes/settings-input';
import { readTokenResponse, type ResponseKeys } from '../../../credentials/common/response/token';
import { readLifetimeSeconds } from '../../../credentials/common/response/expiry';
import { redirectedRequest } from '../../../credentials/common/http/redirect';
import { MAX_TOKEN_LENGTH, findTokenTextProblem } from '../../../credentials/common/response/text';

const keys: ResponseKeys = {
	accessToken: 'access_token',
	expiresIn: 'expires_in',
	refreshToken: 'refresh_token',
	accessTokenLabel: 'OAuth2 access_token',
	expiresInLabel: 'OAuth2 expires_in',
};
const answer = (body: unknown) => ({ statusCode: 200, body, headers: { 'content-type': 'application/json' } });

describe('issued token characters (visible ASCII, at most 16 KB)', () => {
	it.each([
		['CR', 'abc\rdef', /"access_token" \(OAuth2 access_token\) contains a line break \(CR or LF\)/],
		['LF', 'abc\ndef', /contains a line break/],
		['NUL', 'abc\u0000def', /contains the control character U\+0000/],
		['TAB', 'abc\tdef', /contains whitespace inside it/],
		['ESC', 'abc\u001b[31mdef', /contains the control character U\+001B/],
		['DEL', 'abc\u007fdef', /contains the control character U\+007F/],
		['a space', 'abc def', /contains whitespace inside it/],
		['non-ASCII', 'abcédef', /outside printable ASCII/],
		['a zero-width space', 'abc\u200bdef', /outside printable ASCII/],
		['a token one character too long', 'a'.repeat(MAX_TOKEN_LENGTH + 1), /is 16385 characters long, over the 16384/],
	])('refuses an access token with %s, saying nothing was stored', (_name, token, message) => {
		expect(() => readTokenResponse(answer({ access_token: token }), keys, [])).toThrow(message);
		expect(() => readTokenResponse(answer({ access_token: token }), keys, [])).toThrow(/nothing was stored/);
	});

	it.each([
		['LF', 'r1\nr2', /"refresh_token" contains a line break/],
		['NUL', 'r1\u0000', /"refresh_token" contains the control character U\+0000/],
		['too long', 'r'.repeat(MAX_TOKEN_LENGTH + 1), /"refresh_token" is 16385 characters long/],
	])('refuses the whole answer when the refresh token has %s', (_name, refreshToken, message) => {
		expect(() => readTokenResponse(answer({ access_token: 'good', refresh_token: refreshToken }), keys, [])).toThrow(message);
	});

	it.each([
		['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'],
		['a b64token with padding', 'mF_9.B5f-4.1JqM+/abc=='],
		['a Laravel Sanctum token', '12|aBcDeF0123456789'],
		['a token of exactly 16 KB', 'a'.repeat(MAX_TOKEN_LENGTH)],
		['every visible ASCII character', Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join('')],
	])('accepts %s', (_name, token) => {
		expect(findTokenTextProblem(token)).toBeUndefined();
		expect(readTokenResponse(answer({ access_token: token }), keys, []).accessToken).toBe(token);
	});

	it('trims whitespace around a token, as it trims a pasted one', () => {
		expect(readTokenResponse(answer({ access_token: ' t1\r\n' }), keys, []).accessToken).toBe('t1');
	});

	it('never quotes the token in the message', () => {
		expect(() => readTokenResponse(answer({ access_token: 'SECRETPART\nrest' }), keys, [])).toThrow(
			expect.objectContaining({ message: expect.not.stringContaining('SECRETPART') }),
		);
	});

	it('applies the same checker to a pasted static token', () => {
		expect(() => readBearerToken('abc\u0007def')).toThrow(/Token contains control characters/);
		expect(() => readBearerToken('a'.repeat(MAX_TOKEN_LENGTH + 1))).toThrow(/Token is 16385 characters long/);
		expect(readBearerToken(' 12|abc ')).toBe('12|abc');
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

describe('redirects of a token request', () => {
	const post = {
		url: 'http://auth.example.com/token',
		method: 'POST' as const,
		headers: { Authorization: 'Basic c2VjcmV0', 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'grant_type=password&password=secret',
	};

	it.each([
		['a path on the same origin', 307, '/v2/token', 'http://auth.example.com/v2/token'],
		['an absolute URL on the same origin', 308, 'http://auth.example.com/other', 'http://auth.example.com/other'],
		['http to https on the default ports', 307, 'https://auth.example.com/token', 'https://auth.example.com/token'],
	])('follows %s', (_name, status, location, url) => {
		expect(redirectedRequest(post, status, location)).toMatchObject({ url, method: 'POST', body: post.body, headers: post.headers });
	});

	it('follows http to https on the same non-default port', () => {
		const request = { ...post, url: 'http://127.0.0.1:8443/token' };
		expect(redirectedRequest(request, 308, 'https://127.0.0.1:8443/token').url).toBe('https://127.0.0.1:8443/token');
	});

	it.each([
		['another host', 'http://evil.example.net/token', /redirected to http:\/\/evil\.example\.net, another origin than http:\/\/auth\.example\.com/],
		['a subdomain', 'http://x.auth.example.com/token', /redirected to http:\/\/x\.auth\.example\.com, another origin/],
		['another port', 'http://auth.example.com:8080/token', /redirected to http:\/\/auth\.example\.com:8080, another origin/],
		['https on another port', 'https://auth.example.com:8443/token', /redirected to https:\/\/auth\.example\.com:8443, another origin/],
		['user info', 'http://user:pw@auth.example.com/token', /with a user name or password in the URL/],
		['a non-http scheme', 'file:///etc/passwd', /redirected to a file: URL/],
		['no Location', undefined, /without a valid Location/],
	])('refuses %s', (_name, location, message) => {
		expect(() => redirectedRequest(post, 307, location)).toThrow(message);
	});

	it('refuses https to http, even on the same host', () => {
		const request = { ...post, url: 'https://auth.example.com/token' };
		expect(() => redirectedRequest(request, 301, 'http://auth.example.com/token')).toThrow(
			/redirected from https to plain http \(http:\/\/auth\.example\.com\): the login was not sent unencrypted/,
		);
	});

	it('never names more than the origin (no path, query or user info)', () => {
		const error = catchMessage(() => redirectedRequest(post, 302, 'http://evil.example.net/steal?password=secret'));
		expect(error).not.toMatch(/steal|secret/);
	});

	it.each([
		[303, 'POST', 'GET'],
		[303, 'PUT', 'GET'],
		[302, 'POST', 'GET'],
		[301, 'POST', 'GET'],
		[302, 'PUT', 'PUT'],
		[307, 'POST', 'POST'],
		[308, 'PUT', 'PUT'],
	])('after %i turns %s into %s, dropping the body only for GET', (status, method, after) => {
		const next = redirectedRequest({ ...post, method: method as 'POST' }, status, '/next');
		expect(next.method).toBe(after);
		if (after === 'GET') {
			expect(next.body).toBeUndefined();
			expect(next.headers).toEqual({ Authorization: 'Basic c2VjcmV0' });
		} else {
			expect(next.body).toBe(post.body);
		}
	});
});

describe('URL fields with user info', () => {
	it.each([
		['name and password', 'https://user:pa55word@auth.example.com/token'],
		['a name only', 'https://user@auth.example.com/token'],
		['an empty name with a password', 'https://:pa55word@auth.example.com/token'],
	])('refuses %s without repeating them', (_name, url) => {
		const message = catchMessage(() => requireHttpUrl('Access Token URL', url));
		expect(message).toMatch(/Access Token URL contains a user name or password before the host \("\.\.\.@auth\.example\.com"\): remove it/);
		expect(message).not.toMatch(/pa55word|user:/);
	});
});

function catchMessage(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('expected an error');
}

import { readTokenResponse, type ResponseKeys, tokenFromCookie, tokenFromHeader } from '../../../credentials/common/response/token';
import { TokenAuthError } from '../../../credentials/common/errors';
import { jsonAnswer } from './token-answers';
import { thrownBy } from '../../support/thrown';

const keys: ResponseKeys = {
	accessToken: 'access_token',
	expiresIn: 'expires_in',
	refreshToken: 'refresh_token',
	accessTokenLabel: 'Access Token Extraction Key',
	expiresInLabel: 'Expires In Extraction Key',
};
const ok = jsonAnswer;

describe('readTokenResponse: good answers', () => {
	it.each([
		['a JSON string body', ok('{"access_token":"t1","expires_in":3600}'), { accessToken: 't1', expiresInSeconds: 3600 }],
		['a JSON body with a numeric lifetime', ok({ access_token: 't1', expires_in: 60 }), { accessToken: 't1', expiresInSeconds: 60 }],
		['a numeric-string lifetime', ok({ access_token: 't1', expires_in: ' 120 ' }), { accessToken: 't1', expiresInSeconds: 120 }],
		['no lifetime', ok({ access_token: 't1' }), { accessToken: 't1', expiresInSeconds: undefined }],
		['a null lifetime', ok({ access_token: 't1', expires_in: null }), { accessToken: 't1', expiresInSeconds: undefined }],
		['a refresh token', ok({ access_token: 't1', refresh_token: 'r1' }), { accessToken: 't1', refreshToken: 'r1' }],
		['a token with surrounding spaces', ok({ access_token: ' t1\n' }), { accessToken: 't1' }],
		['a body with whitespace around the JSON', ok(' {"access_token":"t1"}\n'), { accessToken: 't1' }],
	])('reads %s', (_name, response, expected) => {
		expect(readTokenResponse(response, keys, [])).toMatchObject(expected);
	});
});

describe('readTokenResponse: bad answers', () => {
	it.each([
		['HTML by content type', ok('<html>login</html>', { 'content-type': 'text/html' }), /answered HTML, not JSON \(HTTP 200\)/],
		['HTML by its first character', ok('  <!doctype html>', {}), /answered HTML/],
		['an empty body', ok('', {}), /empty body \(HTTP 200\), not JSON/],
		['plain text', ok('token=abc', {}), /not a JSON object/],
		['a JSON array', ok('[1,2]'), /not a JSON object/],
		['no token key', ok({ token: 'x', other: 1 }), /answered without "access_token" \(Access Token Extraction Key\)\. Keys in the answer: token, other/],
		['a numeric token', ok({ access_token: 5 }), /is a number, not a string/],
		['an object token', ok({ access_token: { v: 1 } }), /is an object, not a string/],
		['an empty token', ok({ access_token: '  ' }), /is empty/],
		['a lifetime that is not a number', ok({ access_token: 't', expires_in: 'soon' }), /"expires_in" \(Expires In Extraction Key\) is text that is not a number of seconds/],
		['a negative lifetime', ok({ access_token: 't', expires_in: -5 }), /"expires_in" \(Expires In Extraction Key\) is -5, a negative number of seconds/],
		['a 401', { statusCode: 401, body: '{"error":"invalid_grant"}' }, /refused the login \(HTTP 401: invalid_grant\)/],
		['a 502', { statusCode: 502, body: 'Bad Gateway' }, /token endpoint failed \(HTTP 502\)/],
	])('explains %s', (_name, response, message) => {
		expect(() => readTokenResponse(response, keys, [])).toThrow(message);
	});

	it('throws TokenAuthError, marked refused only for refusals', () => {
		const refusal = thrownBy<TokenAuthError>(() => readTokenResponse({ statusCode: 400, body: '{}' }, keys, []));
		const failure = thrownBy<TokenAuthError>(() => readTokenResponse({ statusCode: 503, body: '{}' }, keys, []));
		expect(refusal).toBeInstanceOf(TokenAuthError);
		expect([refusal.reason, failure.reason]).toEqual(['LOGIN_REFUSED', 'ENDPOINT_FAILED']);
	});

	it('never copies the token value into a message', () => {
		const error = thrownBy<TokenAuthError>(() => readTokenResponse(ok({ access_token: 't', expires_in: 'secret-looking-value' }), keys, []));
		expect(error.message).not.toContain('secret-looking-value');
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

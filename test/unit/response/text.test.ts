import { readTokenResponse } from '../../../credentials/common/response/token';
import { jsonAnswer, OAUTH2_KEYS } from './token-answers';
import { MAX_TOKEN_LENGTH, findTokenTextProblem } from '../../../credentials/common/response/text';

const keys = OAUTH2_KEYS;
const answer = (body: unknown) => jsonAnswer(body);

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
});

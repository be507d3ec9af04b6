import { TokenAuthError } from '../../../credentials/common/errors';
import { readIdTokenResponse, readOAuthTokenResponse } from '../../../credentials/common/oauth2/token-response';
import { expiresAtOf } from '../../../credentials/common/response';
import { thrownBy } from '../../support/thrown';
import { jsonAnswer } from '../response/token-answers';

/** An unsigned JWT with the given payload: the reader only reads `exp`, it does not verify. */
const jwtWith = (payload: Record<string, unknown>) =>
	['{"alg":"RS256"}', JSON.stringify(payload), 'signature'].map((part) => Buffer.from(part).toString('base64url')).join('.');

describe('readOAuthTokenResponse', () => {
	it('reads access_token, expires_in and refresh_token', () => {
		expect(readOAuthTokenResponse(jsonAnswer({ access_token: 'a1', expires_in: 60, refresh_token: 'r1', id_token: 'i1' }), [])).toEqual({
			accessToken: 'a1', expiresInSeconds: 60, refreshToken: 'r1',
		});
	});
});

describe('readIdTokenResponse (Token to Use: ID Token)', () => {
	it("takes the id_token, not the access_token, and renews by the ID token's exp when there is no expires_in (Google's answer)", () => {
		const now = Date.parse('2026-12-06T08:00:00Z');
		const exp = now / 1000 + 3600;
		const idToken = jwtWith({ aud: 'https://run.example', exp });
		const issued = readIdTokenResponse(jsonAnswer({ id_token: idToken }), []);
		expect(issued).toEqual({ accessToken: idToken, expiresInSeconds: undefined, refreshToken: undefined });
		expect(expiresAtOf(issued, now)).toBe(exp * 1000);
	});

	it('keeps a stated expires_in', () => {
		expect(readIdTokenResponse(jsonAnswer({ id_token: 'i1', access_token: 'a1', expires_in: 120 }), [])).toMatchObject({ accessToken: 'i1', expiresInSeconds: 120 });
	});

	it.each([
		['no id_token', { access_token: 'a1', expires_in: 3600 }],
		['a null id_token', { id_token: null }],
	])('refuses an answer with %s: NO_TOKEN naming the field and the keys it had, never a value', (_name, body) => {
		const error = thrownBy<TokenAuthError>(() => readIdTokenResponse(jsonAnswer(body), []));
		expect(error.reason).toBe('NO_TOKEN');
		expect(error.message).toContain('The token endpoint answered without "id_token" (Token to Use: ID Token)');
		expect(error.message).not.toContain('a1');
	});

	it('refuses an empty id_token like an empty access token', () => {
		const error = thrownBy<TokenAuthError>(() => readIdTokenResponse(jsonAnswer({ id_token: ' ' }), []));
		expect([error.reason, error.message]).toEqual(['RESPONSE_REFUSED', 'The token endpoint\'s "id_token" (Token to Use: ID Token) is empty']);
	});

	it('refuses an error status first, as every token response', () => {
		const error = thrownBy<TokenAuthError>(() => readIdTokenResponse({ statusCode: 400, body: '{"error":"invalid_grant"}' }, []));
		expect(error.reason).toBe('LOGIN_REFUSED');
	});
});

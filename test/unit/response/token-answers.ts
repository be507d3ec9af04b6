import type { ResponseKeys } from '../../../credentials/common/response/token';

/** The response test fixtures: the OAuth2 keys, and a 200 JSON answer whose body is the JSON text a server sends. */
export const OAUTH2_KEYS: ResponseKeys = {
	accessToken: 'access_token',
	expiresIn: 'expires_in',
	refreshToken: 'refresh_token',
	accessTokenLabel: 'OAuth2 access_token',
	expiresInLabel: 'OAuth2 expires_in',
};

export function jsonAnswer(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
	return { statusCode: 200, body: typeof body === 'string' ? body : JSON.stringify(body), headers };
}

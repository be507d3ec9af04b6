import { TokenAuthError } from '../errors';
import type { TokenEndpointResponse } from '../http';
import { describeKeys, parseJsonResponse, readJsonPath, readTokenResponse, refuseFailureStatus, type IssuedToken } from '../response';

/** An OAuth2 token response (RFC 6749 section 5.1): access_token, expires_in, refresh_token. */
export function readOAuthTokenResponse(response: TokenEndpointResponse, secrets: string[]): IssuedToken {
	return readTokenResponse(
		response,
		{
			accessToken: 'access_token',
			expiresIn: 'expires_in',
			refreshToken: 'refresh_token',
			accessTokenLabel: 'OAuth2 access_token',
			expiresInLabel: 'OAuth2 expires_in',
		},
		secrets,
	);
}

/**
 * The `id_token` of a token response, for Token to Use "ID Token" (Google answers a service
 * account's assertion carrying `target_audience` with `{"id_token": ...}` and no expires_in: the
 * engine then renews by the ID token's own `exp`).
 */
export function readIdTokenResponse(response: TokenEndpointResponse, secrets: string[]): IssuedToken {
	refuseFailureStatus(response, secrets);
	const json = parseJsonResponse(response);
	const idToken = readJsonPath(json, 'id_token');
	if (idToken === undefined || idToken === null) {
		throw new TokenAuthError('NO_TOKEN',
			`The token endpoint answered without "id_token" (Token to Use: ID Token): check that it issues ID tokens for a Target Audience. Keys in the answer: ${describeKeys(json)}`,
		);
	}
	return readTokenResponse(
		response,
		{ accessToken: 'id_token', expiresIn: 'expires_in', accessTokenLabel: 'Token to Use: ID Token', expiresInLabel: 'OAuth2 expires_in' },
		secrets,
	);
}

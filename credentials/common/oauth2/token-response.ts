import type { TokenEndpointResponse } from '../http';
import { readTokenResponse, type IssuedToken } from '../response';

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

import { readTokenAnswer } from '../response/token';
import type { IssuedToken } from '../response/token';
import type { TokenHttp } from './scheme';

/** An OAuth2 token response (RFC 6749 section 5.1): access_token, expires_in, refresh_token. */
export function readOAuthTokenResponse(answer: Awaited<ReturnType<TokenHttp>>, secrets: string[]): IssuedToken {
	return readTokenAnswer(
		answer,
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

import { jwtExpiresAt } from './jwt-expiry';
import type { IssuedToken } from './token';
import { TokenAuthError } from '../errors';

/**
 * When an issued token expires, in epoch ms: the answer's absolute expiry, else its lifetime
 * from now, else the JWT `exp` claim; undefined keeps the token until the API rejects it.
 */
export function expiresAtOf(issued: IssuedToken, now: number): number | undefined {
	if (issued.expiresAt !== undefined) {
		// A past expiry would renew on every request: most likely the wrong Expiry Format.
		if (issued.expiresAt <= now) {
			throw new TokenAuthError(
				`The login answer's expiry (${new Date(issued.expiresAt).toISOString()}) is already past: check the Expiry Format`,
			);
		}
		return issued.expiresAt;
	}
	if (issued.expiresInSeconds !== undefined) return now + issued.expiresInSeconds * 1000;
	const jwtExpiry = jwtExpiresAt(issued.accessToken);
	// An `exp` already past (clock skew, odd issuer) is no use for planning: keep until rejected.
	return jwtExpiry !== undefined && jwtExpiry > now ? jwtExpiry : undefined;
}

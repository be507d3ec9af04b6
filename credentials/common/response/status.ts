import { TokenAuthError } from '../errors';
import { refusalText, type TokenEndpointResponse } from '../http';
import { parseMaybeJson } from './json';

/**
 * Every rule about a token endpoint's status but the redirects the call follows (http/redirect.ts):
 * 2xx is a response to read; any other is a refused login or a failed endpoint, said in words.
 */

/** Throws the token endpoint's failure (refused login or server error) for a non-2xx response. */
export function refuseFailureStatus(response: TokenEndpointResponse, secrets: string[]): void {
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw tokenEndpointFailure(response.statusCode, parseMaybeJson(response.body), secrets);
	}
}

/**
 * Statuses that mean the endpoint refused this login for good. Retrying them only adds failed
 * attempts (and account lockouts); 408 and 429 are about timing, not the credentials.
 */
export function isRefusalStatus(status: number): boolean {
	return status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/** The error for a token endpoint that answered with a non-2xx status. */
export function tokenEndpointFailure(status: number, body: unknown, secrets: string[]): TokenAuthError {
	const detail = refusalText(body, secrets);
	if (isRefusalStatus(status)) {
		return new TokenAuthError('LOGIN_REFUSED', `The token endpoint refused the login (HTTP ${status}${detail})`);
	}
	return new TokenAuthError('ENDPOINT_FAILED', `The token endpoint failed (HTTP ${status}${detail}); the login itself was not refused`);
}

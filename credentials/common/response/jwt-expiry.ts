import { parseJsonOrUndefined } from './json-value';

/**
 * The expiry of a JWT access token from its `exp` claim, in epoch milliseconds; undefined when
 * the token is no JWT or carries no numeric `exp`. The token is read, not verified: the engine
 * only needs to know when to renew, and the API still checks the signature.
 */
export function jwtExpiresAt(token: string): number | undefined {
	const parts = token.split('.');
	if (parts.length !== 3 || parts[1] === '') return undefined;
	const payload = parseJsonOrUndefined(decodeBase64Url(parts[1]));
	if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
	const exp = (payload as Record<string, unknown>).exp;
	return typeof exp === 'number' && Number.isFinite(exp) && exp > 0 ? exp * 1000 : undefined;
}

function decodeBase64Url(text: string): string {
	if (!/^[A-Za-z0-9_-]+={0,2}$/.test(text)) return '';
	return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('utf8');
}

/**
 * Every rule about when a token expires: the lifetime a response states, the formats a login may
 * write its expiry in, and a JWT's own `exp`.
 */
import { TokenAuthError } from '../errors';
import { kindOf, parseJsonOrUndefined } from './json';
import type { IssuedToken } from './issued-token';

/**
 * When an issued token expires, in epoch ms: the response's absolute expiry, else its lifetime
 * from now, else the JWT `exp` claim; undefined keeps the token until the API rejects it.
 */
export function expiresAtOf(issued: IssuedToken, now: number): number | undefined {
	if (issued.expiresAt !== undefined) {
		// A past expiry would renew on every request: most likely the wrong Expiry Format.
		if (issued.expiresAt <= now) {
			throw new TokenAuthError('RESPONSE_REFUSED',
				`The login answer's expiry (${new Date(issued.expiresAt).toISOString()}) is already past: check the Expiry Format`,
			);
		}
		return issued.expiresAt;
	}
	const jwtExpiry = jwtExpiresAt(issued.accessToken);
	// An `exp` already past (clock skew, odd issuer) is no use for planning: keep until rejected.
	const usableJwtExpiry = jwtExpiry !== undefined && jwtExpiry > now ? jwtExpiry : undefined;
	if (issued.expiresInSeconds === undefined) return usableJwtExpiry;
	const stated = now + issued.expiresInSeconds * 1000;
	// A JWT's `exp` counts whole seconds from when it was signed, so it can come up to a second
	// before the stated lifetime does: the earlier of the two is when the API starts refusing.
	return usableJwtExpiry !== undefined && usableJwtExpiry < stated ? usableJwtExpiry : stated;
}

/**
 * Over this many seconds (about 31 years) a lifetime is read as "none stated": the token is kept
 * until the API rejects it, and the expiry stays a plain number far from JavaScript's date range.
 */
export const MAX_LIFETIME_SECONDS = 1_000_000_000;

/** A plain decimal number as a string, as some servers send `"3600"`; no hex, no exponent. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * What a response's lifetime means, in seconds; undefined for "no stated lifetime".
 *
 * - absent, null, '' and 0: no stated lifetime. Many servers send 0 for "does not expire"; read
 *   literally it would mean a login before every request.
 * - under one second: refused. Nothing can use such a token before it expires, and renewing it
 *   would be a login per request. From one second up, the engine renews a token at 80% of its
 *   lifetime at the latest, so one process logs in at most every 0.8 s whatever the item count.
 * - negative, not a number, not finite: refused, with words that match the value.
 */
export function readLifetimeSeconds(value: unknown, field: string): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const seconds = numberIn(value, field);
	if (seconds < 0) throw new TokenAuthError('RESPONSE_REFUSED', `${field} is ${seconds}, a negative number of seconds`);
	if (seconds === 0 || seconds > MAX_LIFETIME_SECONDS) return undefined;
	if (seconds < 1) {
		throw new TokenAuthError('RESPONSE_REFUSED',
			`${field} is ${seconds}, less than one second: no request could use the token before it expires`,
		);
	}
	return seconds;
}

function numberIn(value: unknown, field: string): number {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TokenAuthError('RESPONSE_REFUSED', `${field} is not a finite number of seconds`);
		return value;
	}
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return 0;
		// The text itself is not quoted: a hostile server could put anything there.
		if (!DECIMAL.test(text)) throw new TokenAuthError('RESPONSE_REFUSED', `${field} is text that is not a number of seconds`);
		return Number(text);
	}
	const kind = typeof value === 'boolean' ? `the boolean ${value}` : kindOf(value);
	throw new TokenAuthError('RESPONSE_REFUSED', `${field} is ${kind}, not a number of seconds`);
}

/** How a login response writes the token's expiry (the Token Login API's Expiry Format choices). */
export type ExpiryFormat = 'secondsFromNow' | 'unixSeconds' | 'unixMilliseconds' | 'iso8601';

export const EXPIRY_FORMATS: ExpiryFormat[] = ['secondsFromNow', 'unixSeconds', 'unixMilliseconds', 'iso8601'];

/** A lifetime read from a response: relative (seconds from now) or absolute (epoch ms). */
export type ReadExpiry = { expiresInSeconds: number } | { expiresAt: number } | Record<string, never>;

/**
 * Reads an expiry value in the chosen format. Empty means none (the JWT `exp` or the API's
 * rejection then decides); a value the format cannot read is an error naming the key.
 */
export function readExpiryValue(value: unknown, format: ExpiryFormat, key: string): ReadExpiry {
	if (value === undefined || value === null || value === '') return {};
	if (format === 'iso8601') {
		const text = typeof value === 'string' ? value.trim() : '';
		const at = /^\d{4}-\d{2}-\d{2}/.test(text) ? Date.parse(text) : NaN;
		if (!Number.isFinite(at)) throw unreadable(key, 'an ISO 8601 date such as 2026-01-31T12:00:00Z');
		return { expiresAt: at };
	}
	const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value.trim()) : NaN;
	if (!Number.isFinite(number) || number < 0) throw unreadable(key, 'a number');
	if (format === 'secondsFromNow') return { expiresInSeconds: number };
	return { expiresAt: format === 'unixSeconds' ? number * 1000 : number };
}

function unreadable(key: string, expected: string): TokenAuthError {
	return new TokenAuthError('RESPONSE_REFUSED', `The login answer's "${key}" (Expiry Key) is not ${expected}: check the Expiry Format`);
}

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

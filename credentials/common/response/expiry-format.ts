import { TokenAuthError } from '../errors';

/** How a login answer writes the token's expiry (the Token Login API's Expiry Format choices). */
export type ExpiryFormat = 'secondsFromNow' | 'unixSeconds' | 'unixMilliseconds' | 'iso8601';

export const EXPIRY_FORMATS: ExpiryFormat[] = ['secondsFromNow', 'unixSeconds', 'unixMilliseconds', 'iso8601'];

/** A lifetime read from an answer: relative (seconds from now) or absolute (epoch ms). */
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
	return new TokenAuthError(`The login answer's "${key}" (Expiry Key) is not ${expected}: check the Expiry Format`);
}

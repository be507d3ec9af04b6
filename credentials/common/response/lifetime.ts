import { kindOf } from './json-value';
import { TokenAuthError } from '../errors';

/**
 * Over this many seconds (about 31 years) a lifetime is read as "none stated": the token is kept
 * until the API rejects it, and the expiry stays a plain number far from JavaScript's date range.
 */
export const MAX_LIFETIME_SECONDS = 1_000_000_000;

/** A plain decimal number as a string, as some servers send `"3600"`; no hex, no exponent. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * What an answer's lifetime means, in seconds; undefined for "no stated lifetime".
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
	if (seconds < 0) throw new TokenAuthError(`${field} is ${seconds}, a negative number of seconds`);
	if (seconds === 0 || seconds > MAX_LIFETIME_SECONDS) return undefined;
	if (seconds < 1) {
		throw new TokenAuthError(
			`${field} is ${seconds}, less than one second: no request could use the token before it expires`,
		);
	}
	return seconds;
}

function numberIn(value: unknown, field: string): number {
	if (typeof value === 'number') {
		if (!Number.isFinite(value)) throw new TokenAuthError(`${field} is not a finite number of seconds`);
		return value;
	}
	if (typeof value === 'string') {
		const text = value.trim();
		if (text === '') return 0;
		// The text itself is not quoted: a hostile server could put anything there.
		if (!DECIMAL.test(text)) throw new TokenAuthError(`${field} is text that is not a number of seconds`);
		return Number(text);
	}
	const kind = typeof value === 'boolean' ? `the boolean ${value}` : kindOf(value);
	throw new TokenAuthError(`${field} is ${kind}, not a number of seconds`);
}

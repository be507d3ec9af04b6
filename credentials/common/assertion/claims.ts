import { randomUUID } from 'crypto';

import { TokenAuthError } from '../errors';

/** RFC 7523 lets the server bound an assertion's life; five minutes is what providers accept. */
export const ASSERTION_LIFETIME_SECONDS = 300;
const MAX_GRANT_LIFETIME_SECONDS = 3600;

/** Claims the credential's own fields set: Extra Claims may not quietly replace them. */
const RESERVED_CLAIMS = ['iss', 'sub', 'aud', 'iat', 'exp', 'jti'];

const nowInSeconds = (clock: () => number) => Math.floor(clock() / 1000);

/**
 * A client assertion (RFC 7523 section 3, OpenID Connect Core section 9): the client names
 * itself as issuer and subject; a new jti each time so the server can refuse replays.
 */
export function clientAssertionClaims(clientId: string, audience: string, clock: () => number = Date.now): Record<string, unknown> {
	const iat = nowInSeconds(clock);
	return { iss: clientId, sub: clientId, aud: audience, jti: randomUUID(), iat, exp: iat + ASSERTION_LIFETIME_SECONDS };
}

export interface GrantAssertionInput {
	issuer: string;
	/** Absent: no sub claim (some servers take the issuer as the subject). */
	subject?: string;
	audience: string;
	extraClaims: Record<string, unknown>;
	lifetimeSeconds: number;
}

/** The assertion of the JWT Bearer grant (RFC 7523 section 2.1): the extra claims, then the fields' own. */
export function grantAssertionClaims(input: GrantAssertionInput, clock: () => number = Date.now): Record<string, unknown> {
	const iat = nowInSeconds(clock);
	return {
		...input.extraClaims,
		iss: input.issuer,
		...(input.subject ? { sub: input.subject } : {}),
		aud: input.audience,
		jti: randomUUID(),
		iat,
		exp: iat + input.lifetimeSeconds,
	};
}

/** Extra Claims: a JSON object whose names are not set by another field (`alsoReserved`: names a type sets besides). */
export function checkExtraClaims(label: string, claims: Record<string, unknown>, alsoReserved: readonly string[] = []): Record<string, unknown> {
	const reserved = Object.keys(claims).filter((name) => RESERVED_CLAIMS.includes(name) || alsoReserved.includes(name));
	if (reserved.length > 0) {
		throw new TokenAuthError('SETTINGS_INVALID', `${label} may not set ${reserved.map((name) => `"${name}"`).join(', ')}: the credential's own fields set it`);
	}
	return claims;
}

/** Assertion Lifetime in seconds: a whole number from 1 to an hour; empty means five minutes. */
export function readAssertionLifetime(label: string, value: unknown): number {
	if (value === undefined || value === null || value === '') return ASSERTION_LIFETIME_SECONDS;
	const seconds = Number(value);
	if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_GRANT_LIFETIME_SECONDS) {
		throw new TokenAuthError('SETTINGS_INVALID', `${label} must be a whole number of seconds from 1 to ${MAX_GRANT_LIFETIME_SECONDS}, not ${String(value)}`);
	}
	return seconds;
}

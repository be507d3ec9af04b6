import type { IssuedToken } from '../response';
import { expiresAtOf } from '../response';

/** A token the engine holds, with what it needs to decide when to renew it. */
export interface TokenState {
	accessToken: string;
	refreshToken?: string;
	/** Epoch milliseconds; undefined when the endpoint gave no lifetime. */
	expiresAt?: number;
	obtainedAt: number;
	/** The fingerprint of the settings the token was issued for. */
	fingerprint: string;
	/** DPoP with a generated key: the key's PKCS#8 PEM, kept with the token it is bound to. */
	proofKey?: string;
}

/** Renewal starts this long before expiry at most, so no request carries an expired token. */
export const MAX_RENEWAL_MARGIN_MS = 60_000;
/** ...and at least this share of a short lifetime before expiry (a 10 s token renews at 8 s). */
const RENEWAL_MARGIN_SHARE = 0.2;

export function tokenStateFrom(
	issued: IssuedToken,
	fingerprint: string,
	now: number,
	keptRefreshToken?: string,
): TokenState {
	return {
		accessToken: issued.accessToken,
		refreshToken: issued.refreshToken ?? keptRefreshToken,
		expiresAt: expiresAtOf(issued, now),
		obtainedAt: now,
		fingerprint,
	};
}

/**
 * True once the token is inside the part of its renewal margin given by `marginShare` (1: the
 * whole margin, 0.3: its last 30 %); a token without lifetime is never due.
 */
export function renewalDue(state: TokenState, now: number, marginShare = 1): boolean {
	if (state.expiresAt === undefined) return false;
	return now >= state.expiresAt - renewalMargin(state) * marginShare;
}

function renewalMargin(state: TokenState): number {
	const lifetime = Math.max(0, (state.expiresAt ?? state.obtainedAt) - state.obtainedAt);
	return Math.min(MAX_RENEWAL_MARGIN_MS, lifetime * RENEWAL_MARGIN_SHARE);
}

/**
 * True when two tokens come from the same renewal round (obtained less than half a lifetime
 * apart): processes that renewed in the same round raced each other.
 */
export function sameRenewalRound(a: TokenState, b: TokenState): boolean {
	const lifetime = Math.max(0, (a.expiresAt ?? Infinity) - a.obtainedAt);
	return Math.abs(a.obtainedAt - b.obtainedAt) < lifetime / 2;
}

export function hasExpired(state: TokenState, now: number): boolean {
	return state.expiresAt !== undefined && now >= state.expiresAt;
}

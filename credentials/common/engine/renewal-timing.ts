import { BoundedMap } from './bounded-map';
import { sameRenewalRound, type TokenState } from './state';
import type { TokenStore } from './store';

/**
 * A token got by renewing after a rejection that is rejected too within this time does not make
 * the engine renew again: the API rejects every token. Other rejected tokens always renew (a
 * strict OAuth server revokes a whole token family when another process reuses a refresh token).
 */
export const REJECTION_RENEWAL_COOLDOWN_MS = 60_000;
/**
 * Several n8n processes (queue mode workers) share a credential through the database. The process
 * whose token is the stored one renews at the start of the renewal margin; the others wait until
 * this share of the margin is left, drawn once per process within these bounds, so they load the
 * renewed token from the database instead of renewing too, and never all at the same instant.
 */
export const FOLLOWER_MARGIN_SHARE = { min: 0.2, max: 0.5 };

/** When this process renews: its place among processes sharing a credential, and after rejections. */
export class RenewalTiming {
	/** False once another process stored a token of the same round (or a newer one). */
	private readonly renewsFirst = new BoundedMap<string, boolean>();
	/** The token last got by renewing after a rejection, and when. */
	private readonly renewedAfterRejection = new BoundedMap<string, { accessToken: string; at: number }>();
	private readonly followerShare: number;

	/** `random` (0 to 1) places this process's renewal point when it does not renew first. */
	constructor(random: () => number = Math.random) {
		const { min, max } = FOLLOWER_MARGIN_SHARE;
		this.followerShare = min + (max - min) * random();
	}

	/**
	 * Takes a token loaded from the database into the store unless the process already holds a
	 * newer one. A stored token that replaces a held one, or is another of the same round, was
	 * renewed by another process: this one then renews late (see FOLLOWER_MARGIN_SHARE). A process
	 * that held nothing (just started) renews first, as a single n8n process always does. Says
	 * 'replaced' when the stored token took the place of the one held (another process renewed it).
	 */
	adopt(store: TokenStore, stored: TokenState | undefined): 'replaced' | undefined {
		if (stored === undefined) return undefined;
		const held = store.get(stored.fingerprint);
		if (held === undefined) {
			store.set(stored);
			this.renewsFirst.set(stored.fingerprint, true);
		} else if (held.obtainedAt < stored.obtainedAt) {
			store.set(stored);
			this.renewsFirst.set(stored.fingerprint, false);
			return 'replaced';
		} else if (held.accessToken !== stored.accessToken && sameRenewalRound(held, stored)) {
			this.renewsFirst.set(stored.fingerprint, false);
		}
		return undefined;
	}

	/** This process got the held token itself: it renews first next time. */
	renewedHere(fingerprint: string): void {
		this.renewsFirst.set(fingerprint, true);
	}

	/** The share of the renewal margin at which this process renews the held token. */
	renewalShare(fingerprint: string): number {
		return this.renewsFirst.get(fingerprint) === true ? 1 : this.followerShare;
	}

	/** False when the rejected token was itself got by renewing after a rejection, recently. */
	mayRenewAfterRejection(fingerprint: string, rejectedToken: string | undefined, now: number): boolean {
		const last = this.renewedAfterRejection.get(fingerprint);
		return last === undefined || last.accessToken !== rejectedToken || now - last.at >= REJECTION_RENEWAL_COOLDOWN_MS;
	}

	markRenewedAfterRejection(fingerprint: string, state: TokenState, now: number): void {
		this.renewedAfterRejection.set(fingerprint, { accessToken: state.accessToken, at: now });
	}
}

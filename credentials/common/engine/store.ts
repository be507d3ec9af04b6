import type { TokenAuthError } from '../errors';
import { sameRenewalRound } from './state';
import type { TokenState } from './state';

/** A refused login is not tried again for these settings within this window (account lockouts). */
export const REFUSED_LOGIN_WINDOW_MS = 5 * 60_000;
/** A token endpoint that failed (5xx, timeout) is given this pause before the next call. */
export const FAILED_CALL_PAUSE_MS = 5_000;
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
const MAX_ENTRIES = 1_000;

interface Entry {
	state?: TokenState;
	renewal?: Promise<TokenState>;
	failure?: { error: TokenAuthError; until: number };
	/** False once another process stored a token of the same round (or a newer one). */
	renewsFirst?: boolean;
	/** The token last got by renewing after a rejection, and when. */
	renewedAfterRejection?: { accessToken: string; at: number };
}

export interface Renewal {
	state: TokenState;
	/** True for the caller whose call made the exchange (it persists the token; joiners do not). */
	initiated: boolean;
}

/**
 * The tokens of this n8n process, by fingerprint. n8n loads the package once per process, so
 * every item and every concurrent execution sees the same store: one exchange serves them all.
 */
export class TokenStore {
	private readonly entries = new Map<string, Entry>();
	private readonly followerShare: number;

	/** `random` (0 to 1) places this process's renewal point when it does not renew first. */
	constructor(random: () => number = Math.random) {
		const { min, max } = FOLLOWER_MARGIN_SHARE;
		this.followerShare = min + (max - min) * random();
	}

	current(fingerprint: string): TokenState | undefined {
		return this.entries.get(fingerprint)?.state;
	}

	/**
	 * Takes a token loaded from the database unless the process already holds a newer one. A stored
	 * token that replaces a held one, or is another of the same round, was renewed by another
	 * process: this one then renews late (see FOLLOWER_MARGIN_SHARE). A process that held nothing
	 * (just started) renews first, as a single n8n process always does. Says 'replaced' when the
	 * stored token took the place of the one held (another process renewed it).
	 */
	adopt(state: TokenState | undefined): 'replaced' | undefined {
		if (state === undefined) return undefined;
		const entry = this.entry(state.fingerprint);
		const held = entry.state;
		if (held === undefined) {
			entry.state = state;
			entry.renewsFirst = true;
		} else if (held.obtainedAt < state.obtainedAt) {
			entry.state = state;
			entry.renewsFirst = false;
			return 'replaced';
		} else if (held.accessToken !== state.accessToken && sameRenewalRound(held, state)) {
			entry.renewsFirst = false;
		}
		return undefined;
	}

	/** The share of the renewal margin at which this process renews the held token. */
	renewalShare(fingerprint: string): number {
		return this.entries.get(fingerprint)?.renewsFirst === true ? 1 : this.followerShare;
	}

	/** The recorded failure that still blocks a new call, if any. */
	blockingFailure(fingerprint: string, now: number): TokenAuthError | undefined {
		const failure = this.entries.get(fingerprint)?.failure;
		return failure !== undefined && failure.until > now ? failure.error : undefined;
	}

	inFlight(fingerprint: string): Promise<TokenState> | undefined {
		return this.entries.get(fingerprint)?.renewal;
	}

	/** False when the rejected token was itself got by renewing after a rejection, recently. */
	mayRenewAfterRejection(fingerprint: string, rejectedToken: string | undefined, now: number): boolean {
		const last = this.entries.get(fingerprint)?.renewedAfterRejection;
		return last === undefined || last.accessToken !== rejectedToken || now - last.at >= REJECTION_RENEWAL_COOLDOWN_MS;
	}

	markRenewedAfterRejection(fingerprint: string, state: TokenState, now: number): void {
		this.entry(fingerprint).renewedAfterRejection = { accessToken: state.accessToken, at: now };
	}

	/**
	 * Runs `obtain` unless one is already running for these settings, in which case the caller
	 * waits for that one. A failure is remembered so the next callers get it without a call.
	 */
	async renew(
		fingerprint: string,
		obtain: (current: TokenState | undefined) => Promise<TokenState>,
		now: () => number,
	): Promise<Renewal> {
		const entry = this.entry(fingerprint);
		const blocking = this.blockingFailure(fingerprint, now());
		if (blocking) throw blocking;
		if (entry.renewal) return { state: await entry.renewal, initiated: false };
		const renewal = obtain(entry.state).then(
			(state) => {
				entry.state = state;
				entry.renewsFirst = true;
				entry.failure = undefined;
				return state;
			},
			(error: TokenAuthError) => {
				// n8n refused the call itself (SSRF protection, allowed domains): nothing was sent, so
				// there is nothing to protect the endpoint from and no refused login to remember.
				if (error.reason === 'BLOCKED') throw error;
				const pause = error.reason === 'LOGIN_REFUSED' ? REFUSED_LOGIN_WINDOW_MS : FAILED_CALL_PAUSE_MS;
				entry.failure = { error, until: now() + pause };
				throw error;
			},
		);
		entry.renewal = renewal;
		try {
			return { state: await renewal, initiated: true };
		} finally {
			entry.renewal = undefined;
		}
	}

	private entry(fingerprint: string): Entry {
		let entry = this.entries.get(fingerprint);
		if (entry === undefined) {
			if (this.entries.size >= MAX_ENTRIES) {
				const oldest = this.entries.keys().next().value;
				if (oldest !== undefined) this.entries.delete(oldest);
			}
			entry = {};
			this.entries.set(fingerprint, entry);
		}
		return entry;
	}
}

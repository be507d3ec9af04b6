import type { TokenAuthError } from './token-auth-error';
import type { TokenState } from './token-state';

/** A refused login is not tried again for these settings within this window (account lockouts). */
export const REFUSED_LOGIN_WINDOW_MS = 5 * 60_000;
/** A token endpoint that failed (5xx, timeout) is given this pause before the next call. */
export const FAILED_CALL_PAUSE_MS = 5_000;
/** After a rejection made the engine renew, another rejection within this time does not renew. */
export const REJECTION_RENEWAL_COOLDOWN_MS = 60_000;
const MAX_ENTRIES = 1_000;

interface Entry {
	state?: TokenState;
	renewal?: Promise<TokenState>;
	failure?: { error: TokenAuthError; until: number };
	renewedAfterRejectionAt?: number;
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

	current(fingerprint: string): TokenState | undefined {
		return this.entries.get(fingerprint)?.state;
	}

	/** Takes a token loaded from the database unless the process already holds a newer one. */
	adopt(state: TokenState | undefined): void {
		if (state === undefined) return;
		const entry = this.entry(state.fingerprint);
		if (entry.state === undefined || entry.state.obtainedAt < state.obtainedAt) entry.state = state;
	}

	/** The recorded failure that still blocks a new call, if any. */
	blockingFailure(fingerprint: string, now: number): TokenAuthError | undefined {
		const failure = this.entries.get(fingerprint)?.failure;
		return failure !== undefined && failure.until > now ? failure.error : undefined;
	}

	inFlight(fingerprint: string): Promise<TokenState> | undefined {
		return this.entries.get(fingerprint)?.renewal;
	}

	renewedAfterRejectionRecently(fingerprint: string, now: number): boolean {
		const at = this.entries.get(fingerprint)?.renewedAfterRejectionAt;
		return at !== undefined && now - at < REJECTION_RENEWAL_COOLDOWN_MS;
	}

	markRenewedAfterRejection(fingerprint: string, now: number): void {
		this.entry(fingerprint).renewedAfterRejectionAt = now;
	}

	/**
	 * Runs `exchange` unless one is already running for these settings, in which case the caller
	 * waits for that one. A failure is remembered so the next callers get it without a call.
	 */
	async renew(
		fingerprint: string,
		exchange: (current: TokenState | undefined) => Promise<TokenState>,
		now: () => number,
	): Promise<Renewal> {
		const entry = this.entry(fingerprint);
		const blocking = this.blockingFailure(fingerprint, now());
		if (blocking) throw blocking;
		if (entry.renewal) return { state: await entry.renewal, initiated: false };
		const renewal = exchange(entry.state).then(
			(state) => {
				entry.state = state;
				entry.failure = undefined;
				return state;
			},
			(error: TokenAuthError) => {
				const pause = error.refusedLogin ? REFUSED_LOGIN_WINDOW_MS : FAILED_CALL_PAUSE_MS;
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

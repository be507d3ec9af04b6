import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { TokenAuthError } from '../errors';
import { TOKEN_CALL_DEADLINE_MS, tokenCallFor, type TokenCall, type TokenEndpointResponse } from '../http';
import type { IssuedToken } from '../response';
import { BoundedMap } from './bounded-map';
import { hostForLog, logCredentialEvent, type LoggedCredential, type TokenEvent } from './log';
import { tokenStateFrom, type TokenState } from './state';
import type { TokenStore } from './store';

/** A refused login is not tried again for these settings within this window (account lockouts). */
export const REFUSED_LOGIN_WINDOW_MS = 5 * 60_000;
/** A token endpoint that failed (5xx, timeout) is given this pause before the next call. */
export const FAILED_CALL_PAUSE_MS = 5_000;

/**
 * One credential's way to a token, as much as renewing it needs: how to log in (and refresh),
 * how to read the response, and what names it in log lines. Nothing here is about one type.
 */
export interface TokenSource extends LoggedCredential {
	loginRequest(): IHttpRequestOptions;
	/** Absent when the credential has no refresh (a machine grant logs in again). */
	refreshRequest?(refreshToken: string): IHttpRequestOptions;
	readResponse(response: TokenEndpointResponse): IssuedToken;
	/** Proof of possession (DPoP): token calls prove a key, which is kept with the token it binds. */
	proof?: {
		bindTokenCall(call: TokenCall, held: TokenState | undefined): { call: TokenCall; proofKey?: string };
	};
}

export interface Renewal {
	state: TokenState;
	/** True for the caller whose call made the login (it persists the token; joiners do not). */
	initiated: boolean;
}

export interface RenewalOptions {
	clock?: () => number;
	/** The deadline of one token call, redirects and reading included. */
	deadlineMs?: number;
}

/**
 * How a token is renewed: one token call at a time per fingerprint (later callers join it),
 * refresh first when a refresh token is held and a full login when that fails, and the failures
 * remembered so the next callers get them without a call (a refused login for minutes, a failed
 * endpoint for seconds). Each token call writes one log line. The new token goes to the store.
 */
export class TokenRenewal {
	private readonly running = new Map<string, Promise<TokenState>>();
	private readonly failures = new BoundedMap<string, { error: TokenAuthError; until: number }>();
	private readonly clock: () => number;
	private readonly deadlineMs: number;

	constructor(
		private readonly store: TokenStore,
		options: RenewalOptions = {},
	) {
		this.clock = options.clock ?? Date.now;
		this.deadlineMs = options.deadlineMs ?? TOKEN_CALL_DEADLINE_MS;
	}

	inFlight(fingerprint: string): Promise<TokenState> | undefined {
		return this.running.get(fingerprint);
	}

	/** The remembered failure that still blocks a new call, if any. */
	blockingFailure(fingerprint: string): TokenAuthError | undefined {
		const failure = this.failures.get(fingerprint);
		return failure !== undefined && failure.until > this.clock() ? failure.error : undefined;
	}

	/** Renews unless a renewal of these settings is running, in which case the caller joins it. */
	async renew(helpers: IHttpRequestHelper, source: TokenSource): Promise<Renewal> {
		const { fingerprint } = source;
		const remembered = this.blockingFailure(fingerprint);
		if (remembered !== undefined) {
			logCredentialEvent(source, { event: 'backed off', detail: `no call: a failure is remembered: ${remembered.message}` });
			throw remembered;
		}
		const running = this.running.get(fingerprint);
		if (running !== undefined) return { state: await running, initiated: false };
		const call = tokenCallFor(helpers, { deadlineMs: this.deadlineMs });
		const renewal = this.obtain(call, source, this.store.get(fingerprint)).then(
			(state) => {
				this.store.set(state);
				this.failures.delete(fingerprint);
				return state;
			},
			(error: TokenAuthError) => {
				// n8n refused the call itself (SSRF protection, allowed domains): nothing was sent, so
				// there is nothing to protect the endpoint from and no refused login to remember.
				if (error.reason === 'BLOCKED') throw error;
				const pause = error.reason === 'LOGIN_REFUSED' ? REFUSED_LOGIN_WINDOW_MS : FAILED_CALL_PAUSE_MS;
				this.failures.set(fingerprint, { error, until: this.clock() + pause });
				throw error;
			},
		);
		this.running.set(fingerprint, renewal);
		try {
			return { state: await renewal, initiated: true };
		} finally {
			this.running.delete(fingerprint);
		}
	}

	/** Refreshes when a refresh token is held and falls back to a full login when that fails. */
	private async obtain(unbound: TokenCall, source: TokenSource, held: TokenState | undefined): Promise<TokenState> {
		const { fingerprint } = source;
		const sameSettings = held?.fingerprint === fingerprint ? held : undefined;
		const bound = source.proof?.bindTokenCall(unbound, sameSettings) ?? { call: unbound };
		const call = bound.call;
		const keep = (state: TokenState): TokenState => (bound.proofKey === undefined ? state : { ...state, proofKey: bound.proofKey });
		const refreshToken = sameSettings?.refreshToken;
		if (refreshToken !== undefined && source.refreshRequest !== undefined) {
			const refreshRequest = source.refreshRequest.bind(source);
			const refreshed = await Promise.resolve()
				.then(async () =>
					await this.timedCall(call, source, refreshRequest(refreshToken), 'refresh', (response) =>
						keep(tokenStateFrom(source.readResponse(response), fingerprint, this.clock(), refreshToken)),
					),
				)
				.catch((error: Error) => {
					// A refused or failed refresh is why the password grant exists: log in again below.
					// Anything else is a bug, which must show rather than turn into a fresh login.
					return error instanceof TokenAuthError ? undefined : Promise.reject(error);
				});
			if (refreshed !== undefined) return refreshed;
		}
		return await this.timedCall(call, source, source.loginRequest(), 'login', (response) =>
			keep(tokenStateFrom(source.readResponse(response), fingerprint, this.clock())),
		);
	}

	/** One token call and the reading of its response, with the log line that says how it went. */
	private async timedCall(
		call: TokenCall,
		source: TokenSource,
		request: IHttpRequestOptions,
		kind: 'login' | 'refresh',
		read: (response: TokenEndpointResponse) => TokenState,
	): Promise<TokenState> {
		const started = this.clock();
		const host = hostForLog(request.url);
		let status: number | undefined;
		// Rejections are passed on as they are (promise chain): the line is all this adds.
		return await call(request)
			.then((response) => {
				status = response.statusCode;
				const state = read(response);
				logCredentialEvent(source, { event: kind, host, status, durationMs: this.clock() - started });
				return state;
			})
			.catch((error: Error) => {
				const event = failureEvent(error, status !== undefined, kind);
				const next = kind === 'refresh' ? '; logging in instead' : (AFTERMATH[event] ?? '');
				logCredentialEvent(source, { event, host, status, durationMs: this.clock() - started, detail: `${error.message}${next}` });
				return Promise.reject(error);
			});
	}
}

/** What the renewal does next, said on the failure's line. */
const AFTERMATH: Partial<Record<TokenEvent, string>> = {
	'login refused': `; remembered: no new login with these settings for ${REFUSED_LOGIN_WINDOW_MS / 60_000} min`,
	'endpoint failed': `; the next call waits ${FAILED_CALL_PAUSE_MS / 1000} s`,
};

/** The log event of a failed token call; `answered`: the endpoint sent an HTTP response. */
function failureEvent(error: unknown, answered: boolean, kind: 'login' | 'refresh'): TokenEvent {
	const code = error instanceof TokenAuthError ? error.reason : undefined;
	if (code === 'LOGIN_REFUSED') return kind === 'refresh' ? 'refresh refused' : 'login refused';
	if (code === 'BLOCKED') return 'blocked';
	if (code === 'REDIRECT_REFUSED') return 'redirect refused';
	if (code === 'RESPONSE_REFUSED') return 'answer refused';
	if (code === 'ENDPOINT_FAILED') return 'endpoint failed';
	// Settings and anything unexpected: said by whether the endpoint answered.
	return answered ? 'answer refused' : 'endpoint failed';
}

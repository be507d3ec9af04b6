import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { TokenAuthError } from '../errors';
import { TOKEN_CALL_DEADLINE_MS, tokenCallFor, type TokenCall, type TokenEndpointResponse } from '../http';
import { placeToken, takeHeader } from '../placement';
import type { SchemeSettings, TokenScheme } from '../schemes';
import { fingerprintOf } from './fingerprint';
import { hostForLog, logTokenEvent, type TokenEvent, type TokenLogEntry } from './log';
import { hasExpired, readStoredState, renewalDue, storedFieldsOf, tokenStateFrom, type TokenState } from './state';
import { FAILED_CALL_PAUSE_MS, REFUSED_LOGIN_WINDOW_MS, TokenStore } from './store';

/** The credential test sends this header; `authorize` turns that request into a real login. */
export const CREDENTIAL_TEST_HEADER = 'x-token-auth-credential-test';

/** Returned to n8n when nothing is to be saved: without the expirable key n8n writes nothing. */
const NO_CHANGE: IDataObject = {};

/**
 * What the engine knows of one request. n8n hands the same credentials object to the first
 * call of the hook and to its call after a failed request, so this tells the two apart.
 */
interface RequestAttempt {
	usedToken?: string;
	failure?: Error;
}

export interface EngineOptions {
	store?: TokenStore;
	clock?: () => number;
	timeoutMs?: number;
}

const sharedStore = new TokenStore();

/**
 * The token engine every exchanging credential uses. `preAuthentication` runs before every
 * request (the expirable field stays empty) and decides whether the held token is still good;
 * `authenticate` puts the held token on the request.
 */
export class TokenEngine<Settings extends SchemeSettings> {
	private readonly attempts = new WeakMap<object, RequestAttempt>();
	private readonly store: TokenStore;
	private readonly clock: () => number;
	private readonly timeoutMs: number;

	constructor(
		private readonly scheme: TokenScheme<Settings>,
		options: EngineOptions = {},
	) {
		this.store = options.store ?? sharedStore;
		this.clock = options.clock ?? Date.now;
		this.timeoutMs = options.timeoutMs ?? TOKEN_CALL_DEADLINE_MS;
	}

	/** The credential's `preAuthentication` hook. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const attempt = this.attempts.get(credentials);
		if (attempt !== undefined) return await this.afterFailedRequest(helpers, credentials, attempt);
		const fresh: RequestAttempt = {};
		this.attempts.set(credentials, fresh);
		// Remembered so that n8n's call after this failure does not log in a second time.
		return await this.beforeRequest(helpers, credentials).catch((error: Error) => {
			fresh.failure = error;
			return Promise.reject(error);
		});
	}

	/** The credential's `authenticate` function. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const settings = this.scheme.readSettings(credentials);
		if (takeHeader(requestOptions, CREDENTIAL_TEST_HEADER) !== undefined) {
			// n8n sends this one itself: its redirect following would carry the login to any origin.
			return { ...requestOptions, ...this.scheme.loginRequest(settings), ...sslOptions(settings), disableFollowRedirect: true };
		}
		const fingerprint = this.fingerprint(settings);
		const state = this.store.current(fingerprint) ?? readStoredState(credentials, fingerprint);
		if (state === undefined) {
			throw new TokenAuthError('NO_TOKEN', 'No access token is available: the token exchange did not run');
		}
		const attempt = this.attempts.get(credentials) ?? {};
		attempt.usedToken = state.accessToken;
		this.attempts.set(credentials, attempt);
		return placeToken(requestOptions, settings.placement, state.accessToken);
	}

	/** First call for a request: reuse the held token, or get one (one exchange for all callers). */
	private async beforeRequest(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const settings = this.scheme.readSettings(credentials);
		const fingerprint = this.fingerprint(settings);
		if (this.store.adopt(readStoredState(credentials, fingerprint)) === 'replaced') {
			this.log({ event: 'stored token adopted', settings, fingerprint, detail: 'another process renewed it' });
		}
		const current = this.store.current(fingerprint);
		const share = this.store.renewalShare(fingerprint);
		if (current !== undefined && !renewalDue(current, this.clock(), share)) return NO_CHANGE;
		if (current !== undefined && this.store.inFlight(fingerprint) === undefined) {
			const left = current.expiresAt === undefined ? undefined : Math.max(0, Math.round((current.expiresAt - this.clock()) / 1000));
			this.log({ event: 'renewal before expiry', settings, fingerprint, detail: left === undefined ? undefined : `expires in ${left} s` });
		}
		const renewal = await this.renew(helpers, settings, fingerprint).catch((error: Error) => {
			// An early renewal that fails leaves a token that still works: use it while it lasts.
			if (error instanceof TokenAuthError && current !== undefined && !hasExpired(current, this.clock())) return undefined;
			return Promise.reject(error);
		});
		return renewal?.initiated === true ? storedFieldsOf(renewal.state) : NO_CHANGE;
	}

	/**
	 * n8n calls the hook again after a failed request; it does not say why it failed (the HTTP
	 * Request node does so after any error). Renew when the rejected token is still the held one,
	 * unless it was itself got by renewing after a rejection moments ago: a token that is rejected
	 * fresh will be rejected renewed.
	 */
	private async afterFailedRequest(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		attempt: RequestAttempt,
	): Promise<IDataObject> {
		if (attempt.failure !== undefined) throw attempt.failure;
		this.attempts.delete(credentials);
		const settings = this.scheme.readSettings(credentials);
		const fingerprint = this.fingerprint(settings);
		const inFlight = this.store.inFlight(fingerprint);
		if (inFlight !== undefined) return storedFieldsOf(await inFlight);
		const current = this.store.current(fingerprint);
		if (current !== undefined && current.accessToken !== attempt.usedToken) return storedFieldsOf(current);
		if (!this.store.mayRenewAfterRejection(fingerprint, attempt.usedToken, this.clock())) return NO_CHANGE;
		this.log({ event: 'renewal after rejection', settings, fingerprint, detail: 'the request with the held token failed' });
		const renewal = await this.renew(helpers, settings, fingerprint);
		this.store.markRenewedAfterRejection(fingerprint, renewal.state, this.clock());
		return storedFieldsOf(renewal.state);
	}

	private async renew(helpers: IHttpRequestHelper, settings: Settings, fingerprint: string) {
		const remembered = this.store.blockingFailure(fingerprint, this.clock());
		if (remembered !== undefined && this.store.inFlight(fingerprint) === undefined) {
			this.log({ event: 'backed off', settings, fingerprint, detail: `no call: a failure is remembered: ${remembered.message}` });
		}
		const send = tokenCallFor(helpers, { deadlineMs: this.timeoutMs });
		const call: TokenCall = async (request) => await send({ ...request, ...sslOptions(settings) });
		return await this.store.renew(
			fingerprint,
			async (current) => await this.obtain(call, settings, fingerprint, current),
			this.clock,
		);
	}

	/** Refreshes when a refresh token is held and falls back to a full login when that fails. */
	private async obtain(
		call: TokenCall,
		settings: Settings,
		fingerprint: string,
		current: TokenState | undefined,
	): Promise<TokenState> {
		const refreshToken = current?.fingerprint === fingerprint ? current.refreshToken : undefined;
		if (refreshToken !== undefined && this.scheme.refreshRequest !== undefined) {
			const refreshRequest = this.scheme.refreshRequest.bind(this.scheme);
			const refreshed = await Promise.resolve()
				.then(async () =>
					await this.timedCall(call, refreshRequest(settings, refreshToken), settings, fingerprint, 'refresh', (response) =>
						tokenStateFrom(this.scheme.readResponse(settings, response), fingerprint, this.clock(), refreshToken),
					),
				)
				.catch((error: Error) => {
					// A refused or failed refresh is why the password grant exists: log in again below.
					// Anything else is a bug, which must show rather than turn into a fresh login.
					return error instanceof TokenAuthError ? undefined : Promise.reject(error);
				});
			if (refreshed !== undefined) return refreshed;
		}
		return await this.timedCall(call, this.scheme.loginRequest(settings), settings, fingerprint, 'login', (response) =>
			tokenStateFrom(this.scheme.readResponse(settings, response), fingerprint, this.clock()),
		);
	}

	/** One token call and the reading of its response, with the log line that says how it went. */
	private async timedCall(
		call: TokenCall,
		request: IHttpRequestOptions,
		settings: Settings,
		fingerprint: string,
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
				this.log({ event: kind, settings, fingerprint, host, status, durationMs: this.clock() - started });
				return state;
			})
			.catch((error: Error) => {
				const event = failureEvent(error, status !== undefined, kind);
				const next = kind === 'refresh' ? '; logging in instead' : (AFTERMATH[event] ?? '');
				this.log({ event, settings, fingerprint, host, status, durationMs: this.clock() - started, detail: `${error.message}${next}` });
				return Promise.reject(error);
			});
	}

	private log(entry: Omit<TokenLogEntry, 'credentialType' | 'host'> & { settings: Settings; host?: string }): void {
		const { settings, ...rest } = entry;
		logTokenEvent({ ...rest, credentialType: this.scheme.typeName, host: rest.host ?? this.loginHost(settings) });
	}

	/** The login's host for a log line; undefined when the request cannot even be built. */
	private loginHost(settings: Settings): string | undefined {
		try {
			return hostForLog(this.scheme.loginRequest(settings).url);
		} catch {
			return undefined;
		}
	}

	/**
	 * Ignore SSL Issues joins the fingerprint only when on: turning it on after a certificate
	 * failure is not blocked by that failure's memory, and tokens stored before the setting existed
	 * keep their fingerprint.
	 */
	private fingerprint(settings: Settings): string {
		const identity = settings.ignoreSslIssues === true ? [...settings.identity, { ignoreSslIssues: true }] : settings.identity;
		return fingerprintOf(this.scheme.typeName, identity);
	}
}

/** What the engine does next, said on the failure's line. */
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

/** n8n's own switch for a request that accepts any certificate (its "Ignore SSL Issues"). */
function sslOptions(settings: SchemeSettings): Partial<IHttpRequestOptions> {
	return settings.ignoreSslIssues === true ? { skipSslCertificateValidation: true } : {};
}

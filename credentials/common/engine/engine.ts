import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
} from 'n8n-workflow';

import { TokenAuthError } from '../errors';
import { SettingsCache } from '../fields';
import { placeToken } from '../placement';
import type { SchemeSettings, TokenScheme } from '../schemes';
import { logCredentialEvent } from './log';
import { TokenRenewal, type Renewal } from './renewal';
import { RenewalTiming } from './renewal-timing';
import { hasExpired, renewalDue } from './state';
import { readStoredState, STORED_FIELD_NAMES, storedFieldsOf } from './stored-fields';
import { TokenStore } from './store';
import { tokenSourceOf, type SchemeTokenSource } from './token-source';

/** Returned to n8n when nothing is to be saved: without the expirable key n8n writes nothing. */
const NO_CHANGE: IDataObject = {};

/**
 * What the engine knows of one request. n8n hands the same credentials object to the first
 * call of the hook, to `authenticate` and to the hook's call after a failed request, so this
 * carries the credential as read once (settings, fingerprint) and tells the two calls apart.
 */
interface RequestAttempt<Settings extends SchemeSettings> {
	source?: SchemeTokenSource<Settings>;
	usedToken?: string;
	failure?: Error;
}

/** This process's held tokens and when it renews them; one per process unless a test gives its own. */
export interface ProcessTokens {
	store: TokenStore;
	timing: RenewalTiming;
}

export interface EngineOptions {
	tokens?: ProcessTokens;
	clock?: () => number;
	timeoutMs?: number;
}

const processTokens: ProcessTokens = { store: new TokenStore(), timing: new RenewalTiming() };

/**
 * n8n's adapter for every exchanging credential: it decides when a token is renewed.
 * `preAuthentication` runs before every request (the expirable field stays empty) and decides
 * whether the held token is still good; `authenticate` puts the held token on the request. How a
 * token is got is the renewal's (renewal.ts).
 */
export class TokenEngine<Settings extends SchemeSettings> {
	private readonly attempts = new WeakMap<object, RequestAttempt<Settings>>();
	private readonly sources = new SettingsCache<SchemeTokenSource<Settings>>(STORED_FIELD_NAMES);
	private readonly store: TokenStore;
	private readonly timing: RenewalTiming;
	private readonly renewal: TokenRenewal;
	private readonly clock: () => number;

	constructor(
		private readonly scheme: TokenScheme<Settings>,
		options: EngineOptions = {},
	) {
		({ store: this.store, timing: this.timing } = options.tokens ?? processTokens);
		this.clock = options.clock ?? Date.now;
		this.renewal = new TokenRenewal(this.store, { clock: this.clock, deadlineMs: options.timeoutMs });
	}

	/** The credential's `preAuthentication` hook. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
	): Promise<IDataObject> {
		const attempt = this.attempts.get(credentials);
		if (attempt !== undefined) return await this.afterFailedRequest(helpers, credentials, attempt);
		const fresh: RequestAttempt<Settings> = {};
		this.attempts.set(credentials, fresh);
		// Remembered so that n8n's call after this failure does not log in a second time.
		return await Promise.resolve()
			.then(async () => {
				fresh.source = this.sourceOf(credentials);
				return await this.beforeRequest(helpers, credentials, fresh.source);
			})
			.catch((error: Error) => {
				fresh.failure = error;
				return Promise.reject(error);
			});
	}

	/** The credential's `authenticate` function: the held token, where the settings place it. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const attempt = this.attempts.get(credentials) ?? {};
		const source = attempt.source ?? this.sourceOf(credentials);
		const state = this.store.get(source.fingerprint) ?? readStoredState(credentials, source.fingerprint);
		if (state === undefined) {
			throw new TokenAuthError('NO_TOKEN', 'No access token is available: the token exchange did not run');
		}
		attempt.source = source;
		attempt.usedToken = state.accessToken;
		this.attempts.set(credentials, attempt);
		if (source.proof !== undefined) return source.proof.placeToken(requestOptions, state);
		return this.tokenOnRequest(source.settings, requestOptions, state.accessToken);
	}

	/** The credential's settings as a token source, read once per distinct set of field values. */
	private sourceOf(credentials: ICredentialDataDecryptedObject): SchemeTokenSource<Settings> {
		return this.sources.read(credentials, () => tokenSourceOf(this.scheme, credentials));
	}

	/** The scheme's own way of using the token (a signature), else the placement its settings name. */
	private tokenOnRequest(settings: Settings, requestOptions: IHttpRequestOptions, token: string): IHttpRequestOptions {
		if (this.scheme.applyToken !== undefined) return this.scheme.applyToken(settings, requestOptions, token);
		if (settings.placement === undefined) throw new TokenAuthError('SETTINGS_INVALID', `${this.scheme.typeName} names no way to send its token`);
		return placeToken(requestOptions, settings.placement, token);
	}

	/** First call for a request: reuse the held token, or get one (one login for all callers). */
	private async beforeRequest(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		source: SchemeTokenSource<Settings>,
	): Promise<IDataObject> {
		const { fingerprint } = source;
		if (this.timing.adopt(this.store, readStoredState(credentials, fingerprint)) === 'replaced') {
			logCredentialEvent(source, { event: 'stored token adopted', detail: 'another process renewed it' });
		}
		const current = this.store.get(fingerprint);
		if (current !== undefined && !renewalDue(current, this.clock(), this.timing.renewalShare(fingerprint))) return NO_CHANGE;
		if (current !== undefined && this.renewal.inFlight(fingerprint) === undefined) {
			const left = current.expiresAt === undefined ? undefined : Math.max(0, Math.round((current.expiresAt - this.clock()) / 1000));
			logCredentialEvent(source, { event: 'renewal before expiry', detail: left === undefined ? undefined : `expires in ${left} s` });
		}
		const renewal = await this.renew(helpers, source).catch((error: Error) => {
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
		attempt: RequestAttempt<Settings>,
	): Promise<IDataObject> {
		if (attempt.failure !== undefined) throw attempt.failure;
		this.attempts.delete(credentials);
		const source = attempt.source ?? this.sourceOf(credentials);
		const { fingerprint } = source;
		const inFlight = this.renewal.inFlight(fingerprint);
		if (inFlight !== undefined) return storedFieldsOf(await inFlight);
		const current = this.store.get(fingerprint);
		if (current !== undefined && current.accessToken !== attempt.usedToken) return storedFieldsOf(current);
		if (!this.timing.mayRenewAfterRejection(fingerprint, attempt.usedToken, this.clock())) return NO_CHANGE;
		logCredentialEvent(source, { event: 'renewal after rejection', detail: 'the request with the held token failed' });
		const renewal = await this.renew(helpers, source);
		this.timing.markRenewedAfterRejection(fingerprint, renewal.state, this.clock());
		return storedFieldsOf(renewal.state);
	}

	private async renew(helpers: IHttpRequestHelper, source: SchemeTokenSource<Settings>): Promise<Renewal> {
		const renewal = await this.renewal.renew(helpers, source);
		this.timing.renewedHere(source.fingerprint);
		return renewal;
	}
}

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * JWT Bearer lab: an authorization server for the JWT Bearer grant (RFC 7523 section 2.1) built
 * on two libraries nobody on this project wrote: `@node-oauth/oauth2-server` runs the token
 * endpoint (client authentication, token issuing, the protected API's token check) with the grant
 * `urn:ietf:params:oauth:grant-type:jwt-bearer` as an extended grant type, and `jose` verifies
 * the assertion: signature against the trusted issuer's public keys (kid), `iss`, `aud`, `exp`,
 * `nbf`; the lab adds what RFC 7523 leaves to the server: a required `jti` that is refused when
 * seen again, and a bound on the assertion's lifetime. On 127.0.0.1, a free port, stops by itself.
 *
 *   const lab = await startJwtBearerLab();  // lab.tokenUrl, lab.apiUrl, lab.issuer, lab.keys.rsa.privateKeyPem
 *   lab.counts.tokenCalls; lab.tokenCalls[0].claims.sub; lab.counts.replaysRefused; await lab.close();
 *
 * Client authentication is optional for this grant (Salesforce and Google need none): a request
 * with no client authentication acts as the assertion's issuer. With one, the lab checks it:
 * HTTP Basic or body secret (the library), or a client assertion (RFC 7523 section 2.2, checked
 * with jose: private_key_jwt against the client's key, client_secret_jwt with its secret).
 *
 * An assertion carrying `target_audience` is answered as Google answers a service account's:
 * `{"id_token": ...}`, no access token, no expires_in; the ID token is a JWT the lab signs (its
 * `idTokenKey`) with aud = the target audience. The API takes such an ID token when its aud is
 * `lab.idTokenAudience` (as Cloud Run checks its own URL) and records the aud it saw.
 *
 * The confidential client may also use the library's own password grant (RFC 6749 section 4.3)
 * for the lab's one user, so the OAuth2 Password Grant type's client assertions are checked by
 * the same server: `lab.settings.username` / `lab.settings.password`.
 *
 * DPoP (RFC 9449, test/servers/dpop-checker.ts): a token request with a proof must carry the lab's
 * nonce (400 `use_dpop_nonce` otherwise) and gets a `DPoP` token bound to the proof's key; the API
 * checks every proof of a bound token (`lab.dpopProofs`, `lab.tokenTypes`).
 */
import OAuth2Server, {
	AbstractGrantType,
	InvalidClientError,
	InvalidGrantError,
	InvalidRequestError,
	Request as OAuthRequest,
	Response as OAuthResponse,
} from '@node-oauth/oauth2-server';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { createSecretKey, randomBytes } from 'crypto';
import type { AddressInfo } from 'net';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import { googleServiceAccountKeyFile } from '../support/key-files';
import { DpopChecker, type DpopVerdict } from './dpop-checker';
import { makeLabKeyPair, type LabKeyPair } from './machine-keys';
import { decodeAssertion, presentedAuthMethod, type ClientAuthMethod } from './oidc-lab';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface JwtBearerLabSettings {
	/** The trusted issuer (`iss` of accepted assertions), e.g. a Salesforce consumer key. */
	issuer: string;
	/** Subjects the issuer may act as; an assertion without `sub` acts as the issuer itself. */
	subjects: string[];
	/** Accepted `aud` values besides the token URL (Salesforce wants https://login.salesforce.com). */
	extraAudiences: string[];
	/** Longest assertion lifetime (exp - iat) accepted, seconds. */
	maxAssertionLifetimeSeconds: number;
	/** Access token lifetime, seconds. */
	lifetimeSeconds: number;
	/** Delay before every token answer, ms (lets concurrent callers pile up). */
	tokenDelayMs: number;
	/** A confidential client, for the requests that do authenticate a client. */
	clientId: string;
	clientSecret: string;
	/** The one resource owner the confidential client may log in as with the password grant. */
	username: string;
	password: string;
	/** What the API answers for an expired token. */
	expiredStatus: number;
}

export interface JwtBearerTokenCall {
	authMethod: ClientAuthMethod;
	form: Record<string, string>;
	/** The decoded grant assertion (unverified view; `error` says whether it passed). */
	header?: Record<string, unknown>;
	claims?: Record<string, unknown>;
	status: number;
	error?: string;
	errorDescription?: string;
	at: number;
}

export interface JwtBearerLabCounts {
	tokenCalls: number;
	tokensIssued: number;
	tokenRefused: number;
	/** Assertions refused because their jti was seen before. */
	replaysRefused: number;
	apiCalls: number;
	apiAccepted: number;
	apiRejected: number;
	apiExpiredSeen: number;
	/** ID tokens issued for an assertion with target_audience. */
	idTokensIssued: number;
}

export interface JwtBearerLab {
	tokenUrl: string;
	apiUrl: string;
	settings: JwtBearerLabSettings;
	/** The trusted issuer's key pairs (its public halves are the keys the lab verifies with). */
	keys: { rsa: LabKeyPair; ec256: LabKeyPair; ec384: LabKeyPair };
	/** The client's key for private_key_jwt client authentication. */
	clientKey: LabKeyPair;
	counts: JwtBearerLabCounts;
	tokenCalls: JwtBearerTokenCall[];
	apiAuthorizations: string[];
	/** The subject (`sub`, or the issuer) of every token the API accepted, in order. */
	apiSubjects: string[];
	/** The aud the API read from every ID token it was sent (accepted or not), in order. */
	apiIdTokenAudiences: string[];
	/** The aud the API wants in an ID token: its own URL, as Cloud Run wants. */
	idTokenAudience: string;
	/** A Google service-account key JSON for the trusted issuer's RSA key (client_email = issuer, token_uri = the token URL). */
	googleKeyFile(): string;
	/** Every DPoP proof the token endpoint and the API judged (test/servers/dpop-checker.ts), in order. */
	dpopProofs: Array<DpopVerdict & { at: 'token' | 'api' }>;
	/** Token type of every token issued, in order. */
	tokenTypes: string[];
	set(changes: Partial<JwtBearerLabSettings>): void;
	resetCounts(): void;
	close(): Promise<void>;
}

const emptyCounts = (): JwtBearerLabCounts => ({
	tokenCalls: 0,
	tokensIssued: 0,
	tokenRefused: 0,
	replaysRefused: 0,
	apiCalls: 0,
	apiAccepted: 0,
	apiRejected: 0,
	apiExpiredSeen: 0,
	idTokensIssued: 0,
});

interface IssuedToken {
	expiresAt: number;
	subject: string;
}

export async function startJwtBearerLab(
	initial: Partial<JwtBearerLabSettings> = {},
	options: { maxLifetimeMs?: number } = {},
): Promise<JwtBearerLab> {
	const settings: JwtBearerLabSettings = {
		issuer: 'lab-integration-app',
		subjects: ['alice@example.com'],
		extraAudiences: [],
		maxAssertionLifetimeSeconds: 3600,
		lifetimeSeconds: 3600,
		tokenDelayMs: 0,
		clientId: 'jwt-bearer-client',
		clientSecret: `bearer-${randomBytes(32).toString('hex')}`,
		username: 'alice@example.com',
		password: `pw-${randomBytes(16).toString('hex')}`,
		expiredStatus: 401,
		...initial,
	};
	const counts = emptyCounts();
	const tokenCalls: JwtBearerTokenCall[] = [];
	const dpop = new DpopChecker();
	const dpopProofs: JwtBearerLab['dpopProofs'] = [];
	const tokenTypes: string[] = [];
	/** The key thumbprint each DPoP-bound access token is bound to. */
	const boundTo = new Map<string, string>();
	const apiAuthorizations: string[] = [];
	const apiSubjects: string[] = [];
	const keys = {
		rsa: makeLabKeyPair('rsa', 'issuer-rsa-1'),
		ec256: makeLabKeyPair('ec-p256', 'issuer-ec256-1'),
		ec384: makeLabKeyPair('ec-p384', 'issuer-ec384-1'),
	};
	const clientKey = makeLabKeyPair('rsa', 'client-rsa-1');
	const idTokenKey = makeLabKeyPair('rsa', 'lab-id-token-1');
	const apiIdTokenAudiences: string[] = [];
	const issuerKeys = createLocalJWKSet({ keys: Object.values(keys).map((k) => k.publicJwk) });
	const clientKeys = createLocalJWKSet({ keys: [clientKey.publicJwk] });
	const issued = new Map<string, IssuedToken>();
	/** jti -> exp (ms) of every assertion accepted, for replay refusal. */
	const seenJti = new Map<string, number>();

	const server = createServer((req, res) => {
		void handle(req, res).catch((error: Error) => {
			if (!res.headersSent) send(res, 500, { error: 'lab_failure', error_description: error.message });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const tokenUrl = `${base}/oauth2/token`;
	const idTokenAudience = `${base}/api`;

	/** Verifies the grant assertion with jose and the lab's policy; returns the subject it acts for. */
	async function verifyGrantAssertion(assertion: string): Promise<string> {
		let payload: JWTPayload;
		try {
			({ payload } = await jwtVerify(assertion, issuerKeys, {
				issuer: settings.issuer,
				audience: [tokenUrl, ...settings.extraAudiences],
				requiredClaims: ['exp', 'jti'],
			}));
		} catch (error) {
			throw new InvalidGrantError(`Invalid grant: assertion refused (${joseReason(error)})`);
		}
		const now = Math.floor(Date.now() / 1000);
		const from = payload.iat ?? now;
		if (payload.exp! - from > settings.maxAssertionLifetimeSeconds) {
			throw new InvalidGrantError('Invalid grant: assertion lifetime too long');
		}
		if (seenJti.has(payload.jti!)) {
			counts.replaysRefused++;
			throw new InvalidGrantError('Invalid grant: assertion replayed (jti seen before)');
		}
		seenJti.set(payload.jti!, payload.exp! * 1000);
		for (const [jti, exp] of seenJti) if (exp < Date.now()) seenJti.delete(jti);
		if (payload.sub !== undefined && !settings.subjects.includes(payload.sub)) {
			throw new InvalidGrantError('Invalid grant: unknown subject');
		}
		return payload.sub ?? settings.issuer;
	}

	class JwtBearerGrant extends AbstractGrantType {
		// Set by AbstractGrantType's constructor; its typings leave it out.
		declare model: { saveToken(token: OAuth2Server.Token, client: OAuth2Server.Client, user: object): Promise<OAuth2Server.Token> };
		async handle(request: OAuthRequest, client: OAuth2Server.Client): Promise<OAuth2Server.Token> {
			const assertion = request.body.assertion as unknown;
			if (typeof assertion !== 'string' || assertion === '') throw new InvalidRequestError('Missing parameter: `assertion`');
			const subject = await verifyGrantAssertion(assertion);
			const scope = this.getScope(request);
			const user = { subject };
			const token = {
				accessToken: await this.generateAccessToken(client, user, scope),
				accessTokenExpiresAt: this.getAccessTokenExpiresAt(),
				scope,
			};
			return await this.model.saveToken(token as OAuth2Server.Token, client, user);
		}
	}

	/**
	 * Requests the library cannot authenticate by itself: none at all (the issuer is the client) and
	 * client assertions (checked here with jose). Both end as a `client_id` the model trusts.
	 */
	async function authenticateWithoutSecret(form: Record<string, string>, authorization: string | undefined): Promise<string | undefined> {
		if (authorization?.startsWith('Basic ') || form.client_secret) return undefined; // the library checks these
		if (!form.client_assertion) return settings.issuer;
		if (form.client_assertion_type !== CLIENT_ASSERTION_TYPE) throw new InvalidClientError('Invalid client: bad client_assertion_type');
		const hmac = String(decodeAssertion(form.client_assertion)?.header.alg ?? '').startsWith('HS');
		try {
			const options = { issuer: settings.clientId, subject: settings.clientId, audience: [tokenUrl, base], requiredClaims: ['exp', 'jti'] };
			const { payload } = hmac
				? await jwtVerify(form.client_assertion, createSecretKey(Buffer.from(settings.clientSecret)), options)
				: await jwtVerify(form.client_assertion, clientKeys, options);
			if (seenJti.has(`client:${payload.jti!}`)) throw new Error('client assertion replayed');
			seenJti.set(`client:${payload.jti!}`, payload.exp! * 1000);
		} catch (error) {
			throw new InvalidClientError(`Invalid client: client assertion refused (${joseReason(error)})`);
		}
		return settings.clientId;
	}

	const model = {
		getClient: async (id: string, secret: string | null | undefined) => {
			const grants = id === settings.clientId ? [JWT_BEARER_GRANT, 'password'] : [JWT_BEARER_GRANT];
			if (!secret) return preAuthenticatedClients.has(id) ? { id, grants } : false;
			return id === settings.clientId && secret === settings.clientSecret ? { id, grants } : false;
		},
		saveToken: async (token: OAuth2Server.Token, client: OAuth2Server.Client, user: { subject: string }) => {
			issued.set(token.accessToken, { expiresAt: token.accessTokenExpiresAt!.getTime(), subject: user.subject });
			return { ...token, client, user };
		},
		getUser: async (username: string, password: string) =>
			username === settings.username && password === settings.password ? { subject: username } : false,
		getAccessToken: async () => false,
		verifyScope: async () => true,
	};
	// Client ids authenticated outside the library, with how many requests in flight rely on it.
	const preAuthenticatedClients = new Map<string, number>();
	const holdClient = (id: string, delta: 1 | -1) => {
		const count = (preAuthenticatedClients.get(id) ?? 0) + delta;
		if (count > 0) preAuthenticatedClients.set(id, count);
		else preAuthenticatedClients.delete(id);
	};
	const oauth = new OAuth2Server({
		model: model as unknown as OAuth2Server.ClientCredentialsModel,
		// Client assertions are checked before the library runs (authenticateWithoutSecret).
		requireClientAuthentication: { [JWT_BEARER_GRANT]: false, password: false },
		extendedGrantTypes: { [JWT_BEARER_GRANT]: JwtBearerGrant as unknown as typeof AbstractGrantType },
		allowBearerTokensInQueryString: false,
	});

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		if (url.pathname === '/oauth2/token' && req.method === 'POST') return await token(req, res, url);
		if (url.pathname.startsWith('/api')) return await api(req, res, url);
		send(res, 404, { error: 'not_found' });
	}

	async function token(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		counts.tokenCalls++;
		const form = Object.fromEntries(new URLSearchParams(await readBody(req)));
		const decoded = decodeAssertion(form.assertion);
		const call: JwtBearerTokenCall = {
			authMethod: presentedAuthMethod(req.headers.authorization, form),
			form,
			header: decoded?.header,
			claims: decoded?.claims,
			status: 0,
			at: Date.now(),
		};
		tokenCalls.push(call);
		if (settings.tokenDelayMs > 0) await new Promise((r) => setTimeout(r, settings.tokenDelayMs));
		// DPoP (RFC 9449): a proof with the lab's nonce binds the token to its key.
		const admitted = await dpop.admitTokenRequest(req, url, undefined, (verdict) => dpopProofs.push({ ...verdict, at: 'token' }));
		if (req.headers.dpop !== undefined) res.setHeader('DPoP-Nonce', dpop.currentNonce());
		if ('error' in admitted) {
			counts.tokenRefused++;
			Object.assign(call, { status: 400, error: admitted.error, errorDescription: admitted.description });
			return send(res, 400, { error: admitted.error, error_description: admitted.description });
		}
		if (form.grant_type === JWT_BEARER_GRANT && typeof decoded?.claims.target_audience === 'string') return await idToken(call, form, decoded.claims.target_audience, res);
		const response = new OAuthResponse({ headers: {} });
		let authenticatedId: string | undefined;
		try {
			authenticatedId = await authenticateWithoutSecret(form, req.headers.authorization);
			const body = authenticatedId === undefined ? form : { ...form, client_id: authenticatedId };
			if (authenticatedId !== undefined) holdClient(authenticatedId, 1);
			const request = new OAuthRequest({ method: 'POST', headers: req.headers as Record<string, string>, query: {}, body });
			await oauth.token(request, response, {
				accessTokenLifetime: settings.lifetimeSeconds,
				requireClientAuthentication: { [JWT_BEARER_GRANT]: false, password: false },
			});
		} catch (error) {
			// The library writes its own errors into `response`; the pre-step's are written here.
			if (response.status === undefined || response.status < 400) {
				const oauthError = error as { code?: number; name?: string; message?: string };
				response.status = oauthError.code ?? 500;
				response.body = { error: oauthError.name ?? 'server_error', error_description: oauthError.message };
			}
		} finally {
			if (authenticatedId !== undefined) holdClient(authenticatedId, -1);
		}
		const status = response.status ?? 200;
		const body = response.body as Record<string, unknown>;
		call.status = status;
		if (status >= 400) {
			counts.tokenRefused++;
			call.error = String(body.error ?? '');
			call.errorDescription = String(body.error_description ?? '');
		} else {
			counts.tokensIssued++;
			if (admitted.bindTo !== undefined) {
				body.token_type = 'DPoP';
				boundTo.set(String(body.access_token), admitted.bindTo);
			}
			tokenTypes.push(String(body.token_type));
		}
		send(res, status, body);
	}

	/** Google's answer to an assertion with target_audience: an ID token for that audience, nothing else. */
	async function idToken(call: JwtBearerTokenCall, form: Record<string, string>, audience: string, res: ServerResponse): Promise<void> {
		let subject: string;
		try {
			if (call.authMethod !== 'none' || form.client_id) throw new InvalidClientError('Invalid client: an ID token request authenticates no client');
			subject = await verifyGrantAssertion(form.assertion);
		} catch (error) {
			const refusal = error as { code?: number; name?: string; message?: string };
			call.status = refusal.code ?? 400;
			call.error = refusal.name ?? 'invalid_grant';
			call.errorDescription = refusal.message ?? '';
			counts.tokenRefused++;
			return send(res, call.status, { error: call.error, error_description: call.errorDescription });
		}
		const now = Math.floor(Date.now() / 1000);
		const token = await new SignJWT({ email: subject })
			.setProtectedHeader({ alg: 'RS256', kid: idTokenKey.kid, typ: 'JWT' })
			.setIssuer(base)
			.setSubject(subject)
			.setAudience(audience)
			.setIssuedAt(now)
			.setExpirationTime(now + settings.lifetimeSeconds)
			.sign(idTokenKey.privateKey);
		call.status = 200;
		counts.tokensIssued++;
		counts.idTokensIssued++;
		send(res, 200, { id_token: token });
	}

	/** Answers for a bearer that is an ID token the lab signed (true), checking its aud; false for any other bearer. */
	async function acceptIdToken(bearer: string, res: ServerResponse, url: URL): Promise<boolean> {
		const decoded = decodeAssertion(bearer);
		if (decoded === undefined || decoded.header.kid !== idTokenKey.kid) return false;
		apiIdTokenAudiences.push(String(decoded.claims.aud));
		try {
			const { payload } = await jwtVerify(bearer, createLocalJWKSet({ keys: [idTokenKey.publicJwk] }), { issuer: base, audience: idTokenAudience });
			counts.apiAccepted++;
			apiSubjects.push(String(payload.sub));
			send(res, 200, { ok: true, item: url.searchParams.get('item'), subject: payload.sub });
		} catch (error) {
			counts.apiRejected++;
			const expired = error instanceof joseErrors.JWTExpired;
			if (expired) counts.apiExpiredSeen++;
			send(res, expired ? settings.expiredStatus : 401, { error: expired ? 'token_expired' : 'invalid_token' });
		}
		return true;
	}

	async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		counts.apiCalls++;
		const authorization = String(req.headers.authorization ?? '');
		apiAuthorizations.push(authorization);
		const token = authorization.replace(/^(Bearer|DPoP) /, '');
		if (await acceptIdToken(token, res, url)) return;
		const found = issued.get(token);
		if (!found) {
			counts.apiRejected++;
			return send(res, 401, { error: 'invalid_token' });
		}
		if (!(await dpop.admitsApiRequest(req, url, authorization, boundTo.get(token), (verdict) => dpopProofs.push({ ...verdict, at: 'api' })))) {
			counts.apiRejected++;
			return send(res, 401, { error: 'invalid_dpop_proof' });
		}
		if (found.expiresAt <= Date.now()) {
			counts.apiRejected++;
			counts.apiExpiredSeen++;
			return send(res, settings.expiredStatus, { error: 'token_expired' });
		}
		counts.apiAccepted++;
		apiSubjects.push(found.subject);
		send(res, 200, { ok: true, item: url.searchParams.get('item'), subject: found.subject });
	}

	const stopTimer = setTimeout(() => void close(), options.maxLifetimeMs ?? 30 * 60_000);
	stopTimer.unref();
	let closed = false;
	async function close(): Promise<void> {
		if (closed) return;
		closed = true;
		clearTimeout(stopTimer);
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	return {
		tokenUrl,
		apiUrl: `${base}/api/items`,
		settings,
		keys,
		clientKey,
		counts,
		tokenCalls,
		apiAuthorizations,
		apiSubjects,
		apiIdTokenAudiences,
		idTokenAudience,
		googleKeyFile: () => googleServiceAccountKeyFile({ privateKeyPem: keys.rsa.privateKeyPem, keyId: keys.rsa.kid, clientEmail: settings.issuer, tokenUri: tokenUrl }),
		dpopProofs,
		tokenTypes,
		set: (changes) => Object.assign(settings, changes),
		resetCounts: () => {
			Object.assign(counts, emptyCounts());
			tokenCalls.length = 0;
			apiAuthorizations.length = 0;
			apiSubjects.length = 0;
			apiIdTokenAudiences.length = 0;
			dpopProofs.length = 0;
			tokenTypes.length = 0;
		},
		close,
	};
}

/** jose's reason for a refusal, without the token. */
function joseReason(error: unknown): string {
	if (error instanceof joseErrors.JOSEError) return `${error.code}: ${error.message}`;
	return error instanceof Error ? error.message : String(error);
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
	res.end(JSON.stringify(body));
}

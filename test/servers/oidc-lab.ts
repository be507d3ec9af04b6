/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * OIDC lab: a real authorization server from npm (`oidc-provider` 7, the last CommonJS major, so
 * it loads in ts-jest and in the e2e harness) doing the OAuth2 client credentials grant, and a
 * resource server beside it that verifies the JWT access tokens with `jose` against the
 * provider's published keys. Both on 127.0.0.1, free ports, and they stop by themselves.
 *
 *   const lab = await startOidcLab();      // lab.tokenUrl, lab.apiUrl, lab.clients.rsa.privateKeyPem
 *   lab.set({ lifetimeSeconds: 4, tokenDelayMs: 300 });
 *   lab.counts.tokenCalls; lab.tokenCalls[0].authMethod; lab.tokenCalls[0].form.audience;
 *   lab.apiAudiences; await lab.close();
 *
 * Clients (one per token endpoint auth method, all with the client_credentials grant only):
 *   basic (client_secret_basic), post (client_secret_post), secretJwt (client_secret_jwt, HS256),
 *   rsa / ec256 / ec384 (private_key_jwt; jwks made at start with node:crypto, with `kid`).
 * The provider checks client assertions itself: signature, iss = sub = client_id, aud = token
 * endpoint or issuer, exp, and jti replay (a replayed assertion is refused with invalid_client).
 *
 * Audiences (RFC 8707 resource indicators): a `resource` body parameter, or Auth0's `audience`
 * body parameter, picks the API the token is for; without either the token is for
 * `lab.defaultAudience`. Only `lab.settings.audiences` are known APIs (invalid_target otherwise).
 * Access tokens are JWTs whose `aud` is that API; the resource server accepts every known API.
 *
 * DPoP (RFC 9449): the provider's DPoP feature is on (oidc-provider 7 implements draft 03, without
 * nonces): a token request with a `DPoP` proof gets a `DPoP` token whose `cnf.jkt` is the proof
 * key's thumbprint. The lab adds the nonces of RFC 9449 section 8 in front of the provider: while
 * `settings.requireDpopNonce` is on, a proof without the current nonce is answered 400
 * `use_dpop_nonce` with a `DPoP-Nonce` header (`lab.rotateDpopNonce()` changes it). The resource
 * server checks every DPoP request (`lab.apiProofs`): Authorization scheme DPoP, the proof's
 * signature and `typ`, `htm`, `htu` (the URL it received, without query), `iat` within 60 s, `jti`
 * never seen before, `ath` of the token, and the proof key's thumbprint equal to the token's
 * `cnf.jkt`; a bound token sent as Bearer is refused.
 */
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import type { AddressInfo } from 'net';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'http';
import { randomBytes } from 'crypto';
import { DpopChecker, type DpopVerdict } from './dpop-checker';
import { makeLabKeyPair, type LabKeyPair } from './machine-keys';

// oidc-provider 7 ships no types of its own; only the few members used here are described.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Provider = require('oidc-provider') as new (issuer: string, configuration: object) => OidcProvider;
// Its in-memory store, as a subclass: the provider warns about the store only when it is the
// default one, and a lab that lives for one test run wants nothing else.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MemoryAdapter = require('oidc-provider/lib/adapters/memory_adapter') as new (name: string) => object;
class LabStore extends MemoryAdapter {}

interface KoaContext {
	path: string;
	method: string;
	status: number;
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
	set(name: string, value: string): void;
	oidc?: { body?: Record<string, unknown>; client?: { clientId: string } };
}
interface OidcProvider {
	use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): void;
	callback(): (req: IncomingMessage, res: ServerResponse) => void;
	on(event: string, listener: (...args: unknown[]) => void): void;
}

export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'private_key_jwt' | 'none';

export interface OidcLabSettings {
	/** Access token lifetime, seconds. */
	lifetimeSeconds: number;
	/** Delay before the provider handles a token request, ms (lets concurrent callers pile up). */
	tokenDelayMs: number;
	/** APIs the provider issues tokens for (resource indicators / Auth0 audiences). */
	audiences: string[];
	/** What the API answers for an expired token. */
	expiredStatus: number;
	/** Token requests with a DPoP proof must carry the current nonce (RFC 9449 section 8). */
	requireDpopNonce: boolean;
}

export interface OidcSecretClient {
	clientId: string;
	clientSecret: string;
}

export interface OidcKeyClient {
	clientId: string;
	key: LabKeyPair;
	/** PKCS#8 PEM of the client's private key (what the Private Key field takes). */
	privateKeyPem: string;
	kid: string;
}

export interface OidcLabClients {
	basic: OidcSecretClient;
	post: OidcSecretClient;
	secretJwt: OidcSecretClient;
	rsa: OidcKeyClient;
	ec256: OidcKeyClient;
	ec384: OidcKeyClient;
}

/** One request to the token endpoint, as the lab saw it. */
export interface OidcTokenCall {
	/** How the request authenticated the client, read from its shape. */
	authMethod: ClientAuthMethod;
	/** The client the provider authenticated (undefined when it refused the client). */
	clientId?: string;
	/** Every body parameter, as sent (client_assertion included, for the tests to decode). */
	form: Record<string, string>;
	/** The decoded client assertion, when there was one. */
	assertion?: { header: Record<string, unknown>; claims: Record<string, unknown> };
	status: number;
	/** OAuth error code of a refusal. */
	error?: string;
	/** Audience of the issued access token. */
	tokenAudience?: string;
	/** The decoded DPoP proof the request carried, and the token type and `cnf.jkt` issued. */
	dpop?: { header: Record<string, unknown>; claims: Record<string, unknown> };
	tokenType?: string;
	jkt?: string;
	at: number;
}

export interface OidcExpiredCall {
	clientId: string;
	/** `Bearer` or `DPoP`. */
	scheme: string;
	/** How long after the token's `exp` the call arrived. */
	lateMs: number;
}

export interface OidcLabCounts {
	tokenCalls: number;
	tokensIssued: number;
	tokenRefused: number;
	apiCalls: number;
	apiAccepted: number;
	apiRejected: number;
	/** API calls that carried a token past its expiry (renewal before expiry keeps this at 0). */
	apiExpiredSeen: number;
}

export interface OidcLab {
	issuer: string;
	tokenUrl: string;
	apiUrl: string;
	/** The API a token is for when the request names none. */
	defaultAudience: string;
	settings: OidcLabSettings;
	clients: OidcLabClients;
	counts: OidcLabCounts;
	tokenCalls: OidcTokenCall[];
	/** Authorization headers the API received, in order. */
	apiAuthorizations: string[];
	/** `aud` of every token the API accepted, in order. */
	apiAudiences: string[];
	/** Every API request that carried a DPoP token or proof, with the resource server's verdict. */
	apiProofs: OidcApiProof[];
	/** Every API call that carried an expired token: whose token, sent how, and how late. */
	apiExpired: OidcExpiredCall[];
	/** The nonce token requests must carry now. */
	dpopNonce(): string;
	rotateDpopNonce(): void;
	set(changes: Partial<OidcLabSettings>): void;
	/** Makes every access token issued so far unknown to the API (it answers 401). */
	revokeAllTokens(): void;
	resetCounts(): void;
	close(): Promise<void>;
}

/** One DPoP API request as the resource server judged it. */
export type OidcApiProof = DpopVerdict;

const DEFAULT_AUDIENCE = 'https://api.oidc-lab.test';
const API_SCOPES = 'read write';

const emptyCounts = (): OidcLabCounts => ({
	tokenCalls: 0,
	tokensIssued: 0,
	tokenRefused: 0,
	apiCalls: 0,
	apiAccepted: 0,
	apiRejected: 0,
	apiExpiredSeen: 0,
});

export async function startOidcLab(
	initial: Partial<OidcLabSettings> = {},
	/** `dpop: false`: the provider without its DPoP feature (it ignores proofs, issues Bearer tokens). */
	options: { maxLifetimeMs?: number; dpop?: boolean } = {},
): Promise<OidcLab> {
	const settings: OidcLabSettings = {
		lifetimeSeconds: 3600,
		tokenDelayMs: 0,
		audiences: [DEFAULT_AUDIENCE, 'https://api.example.com'],
		expiredStatus: 401,
		requireDpopNonce: true,
		...initial,
	};
	const counts = emptyCounts();
	const tokenCalls: OidcTokenCall[] = [];
	const apiAuthorizations: string[] = [];
	const apiAudiences: string[] = [];
	const apiProofs: OidcApiProof[] = [];
	const apiExpired: OidcExpiredCall[] = [];
	const dpop = new DpopChecker();
	/** jti of every access token issued, and of those revoked. */
	const issuedJtis = new Set<string>();
	const revokedJtis = new Set<string>();

	const keyClient = (clientId: string, key: LabKeyPair): OidcKeyClient => ({
		clientId,
		key,
		privateKeyPem: key.privateKeyPem,
		kid: key.kid,
	});
	const clients: OidcLabClients = {
		basic: { clientId: 'cc-basic', clientSecret: `basic-${randomBytes(16).toString('hex')}` },
		post: { clientId: 'cc-post', clientSecret: `post-${randomBytes(16).toString('hex')}` },
		// HS256 needs a secret of at least 32 bytes.
		secretJwt: { clientId: 'cc-secret-jwt', clientSecret: `jwt-${randomBytes(32).toString('hex')}` },
		rsa: keyClient('cc-rsa', makeLabKeyPair('rsa', 'rsa-key-1')),
		ec256: keyClient('cc-ec256', makeLabKeyPair('ec-p256', 'ec256-key-1')),
		ec384: keyClient('cc-ec384', makeLabKeyPair('ec-p384', 'ec384-key-1')),
	};
	const signing = makeLabKeyPair('rsa', 'provider-signing-1');
	const providerPrivateJwk = { ...signing.privateKey.export({ format: 'jwk' }), kid: signing.kid, use: 'sig', alg: 'RS256' };
	const providerKeys = createLocalJWKSet({ keys: [{ ...signing.publicJwk, use: 'sig', alg: 'RS256' }] });

	// Listen first: the issuer names the port.
	let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
	const authServer = createServer((req, res) => handler(req, res));
	const apiServer = createServer((req, res) => void api(req, res));
	const authPort = await listen(authServer);
	const apiPort = await listen(apiServer);
	const issuer = `http://127.0.0.1:${authPort}`;

	const common = { grant_types: ['client_credentials'], response_types: [], redirect_uris: [] };
	const keyClientMetadata = (c: OidcKeyClient) => ({
		...common,
		client_id: c.clientId,
		token_endpoint_auth_method: 'private_key_jwt',
		jwks: { keys: [c.key.publicJwk] },
	});
	const provider = new Provider(issuer, {
		clients: [
			{ ...common, client_id: clients.basic.clientId, client_secret: clients.basic.clientSecret, token_endpoint_auth_method: 'client_secret_basic' },
			{ ...common, client_id: clients.post.clientId, client_secret: clients.post.clientSecret, token_endpoint_auth_method: 'client_secret_post' },
			{ ...common, client_id: clients.secretJwt.clientId, client_secret: clients.secretJwt.clientSecret, token_endpoint_auth_method: 'client_secret_jwt' },
			keyClientMetadata(clients.rsa),
			keyClientMetadata(clients.ec256),
			keyClientMetadata(clients.ec384),
		],
		adapter: LabStore,
		ttl: { ClientCredentials: () => settings.lifetimeSeconds },
		jwks: { keys: [providerPrivateJwk] },
		cookies: { keys: [randomBytes(16).toString('hex')] },
		features: {
			devInteractions: { enabled: false },
			clientCredentials: { enabled: true },
			dPoP: { enabled: options.dpop !== false, ack: 'draft-03', iatTolerance: 60 },
			resourceIndicators: {
				enabled: true,
				// Auth0-style `audience` names the API when no `resource` does.
				defaultResource: async (ctx: KoaContext) => {
					const audience = ctx.oidc?.body?.audience;
					return typeof audience === 'string' && audience !== '' ? audience : DEFAULT_AUDIENCE;
				},
				getResourceServerInfo: async (_ctx: unknown, resource: string) => {
					if (!settings.audiences.includes(resource)) throw new InvalidTarget();
					return { scope: API_SCOPES, audience: resource, accessTokenTTL: settings.lifetimeSeconds, accessTokenFormat: 'jwt' };
				},
			},
		},
		enabledJWA: {
			tokenEndpointAuthSigningAlgValues: ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'],
		},
	});
	// Errors are the tests' business; the provider's own logging is noise in their output.
	provider.on('server_error', () => undefined);

	provider.use(async (ctx, next) => {
		if (ctx.path !== '/token' || ctx.method !== 'POST') return await next();
		counts.tokenCalls++;
		const call: OidcTokenCall = { authMethod: 'none', form: {}, status: 0, at: Date.now() };
		tokenCalls.push(call);
		if (settings.tokenDelayMs > 0) await new Promise((r) => setTimeout(r, settings.tokenDelayMs));
		const proof = decodeAssertion(typeof ctx.headers.dpop === 'string' ? ctx.headers.dpop : undefined);
		call.dpop = proof;
		const nonces = proof !== undefined && options.dpop !== false;
		if (nonces) ctx.set('DPoP-Nonce', dpop.currentNonce());
		if (nonces && settings.requireDpopNonce && proof.claims.nonce !== dpop.currentNonce()) {
			ctx.status = 400;
			ctx.body = { error: 'use_dpop_nonce', error_description: 'Authorization server requires nonce in DPoP proof' };
			call.status = 400;
			call.error = 'use_dpop_nonce';
			counts.tokenRefused++;
			return;
		}
		await next();
		call.form = stringValues(ctx.oidc?.body ?? {});
		call.authMethod = presentedAuthMethod(ctx.headers.authorization, call.form);
		call.assertion = decodeAssertion(call.form.client_assertion);
		call.status = ctx.status;
		const answer = (ctx.body ?? {}) as Record<string, unknown>;
		if (ctx.status >= 400) {
			counts.tokenRefused++;
			call.error = String(answer.error ?? '');
			return;
		}
		counts.tokensIssued++;
		call.clientId = ctx.oidc?.client?.clientId;
		call.tokenType = typeof answer.token_type === 'string' ? answer.token_type : undefined;
		if (typeof answer.access_token === 'string') {
			const claims = decodeJwt(answer.access_token);
			call.jkt = (claims.cnf as { jkt?: string } | undefined)?.jkt;
			call.tokenAudience = String(claims.aud);
			issuedJtis.add(String(claims.jti));
		}
	});
	handler = provider.callback();

	async function api(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		counts.apiCalls++;
		const authorization = String(req.headers.authorization ?? '');
		apiAuthorizations.push(authorization);
		const dpopScheme = authorization.startsWith('DPoP ');
		const token = authorization.replace(/^(Bearer|DPoP) /, '');
		try {
			const { payload } = await jwtVerify(token, providerKeys, { issuer, audience: settings.audiences });
			if (revokedJtis.has(String(payload.jti))) throw new Error('revoked');
			const jkt = (payload.cnf as { jkt?: string } | undefined)?.jkt;
			if (dpopScheme || jkt !== undefined || req.headers.dpop !== undefined) {
				const verdict = await dpop.checkApiRequest(req, url, authorization, jkt);
				apiProofs.push(verdict);
				if (!verdict.accepted) {
					counts.apiRejected++;
					res.writeHead(401, { 'WWW-Authenticate': `DPoP error="invalid_dpop_proof"`, 'Content-Type': 'application/json' });
					return void res.end(JSON.stringify({ error: 'invalid_dpop_proof' }));
				}
			}
			counts.apiAccepted++;
			apiAudiences.push(String(payload.aud));
			send(res, 200, { ok: true, item: url.searchParams.get('item'), aud: payload.aud, client: payload.client_id });
		} catch (error) {
			counts.apiRejected++;
			if (error instanceof joseErrors.JWTExpired) {
				counts.apiExpiredSeen++;
				const claims = decodeJwt(token);
				apiExpired.push({ clientId: String(claims.client_id), scheme: dpopScheme ? 'DPoP' : 'Bearer', lateMs: Date.now() - Number(claims.exp) * 1000 });
				return send(res, settings.expiredStatus, { error: 'token_expired' });
			}
			send(res, 401, { error: 'invalid_token' });
		}
	}

	const stopTimer = setTimeout(() => void close(), options.maxLifetimeMs ?? 30 * 60_000);
	stopTimer.unref();
	let closed = false;
	async function close(): Promise<void> {
		if (closed) return;
		closed = true;
		clearTimeout(stopTimer);
		await Promise.all([stop(authServer), stop(apiServer)]);
	}

	return {
		issuer,
		tokenUrl: `${issuer}/token`,
		apiUrl: `http://127.0.0.1:${apiPort}/api/items`,
		defaultAudience: DEFAULT_AUDIENCE,
		settings,
		clients,
		counts,
		tokenCalls,
		apiAuthorizations,
		apiAudiences,
		apiProofs,
		apiExpired,
		dpopNonce: () => dpop.currentNonce(),
		rotateDpopNonce: () => dpop.rotateNonce(),
		set: (changes) => Object.assign(settings, changes),
		revokeAllTokens: () => issuedJtis.forEach((jti) => revokedJtis.add(jti)),
		resetCounts: () => {
			Object.assign(counts, emptyCounts());
			tokenCalls.length = 0;
			apiAuthorizations.length = 0;
			apiAudiences.length = 0;
			apiProofs.length = 0;
			apiExpired.length = 0;
		},
		close,
	};
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { InvalidTarget } = (require('oidc-provider') as { errors: { InvalidTarget: new () => Error } }).errors;

/** The client authentication a token request carries, read from its shape. */
export function presentedAuthMethod(authorization: string | string[] | undefined, form: Record<string, string>): ClientAuthMethod {
	if (typeof authorization === 'string' && authorization.startsWith('Basic ')) return 'client_secret_basic';
	if (form.client_assertion) {
		const alg = String(decodeAssertion(form.client_assertion)?.header.alg ?? '');
		return alg.startsWith('HS') ? 'client_secret_jwt' : 'private_key_jwt';
	}
	if (form.client_secret) return 'client_secret_post';
	return 'none';
}

export function decodeAssertion(jwt: string | undefined): OidcTokenCall['assertion'] {
	if (!jwt) return undefined;
	try {
		return { header: decodeProtectedHeader(jwt) as Record<string, unknown>, claims: decodeJwt(jwt) as Record<string, unknown> };
	} catch {
		return undefined;
	}
}

function stringValues(body: Record<string, unknown>): Record<string, string> {
	return Object.fromEntries(Object.entries(body).map(([key, value]) => [key, String(value)]));
}

async function listen(server: Server): Promise<number> {
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return (server.address() as AddressInfo).port;
}

async function stop(server: Server): Promise<void> {
	server.closeAllConnections();
	await new Promise<void>((resolve) => server.close(() => resolve()));
}

function send(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
	res.end(JSON.stringify(body));
}

/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * Token lab: one HTTP server on 127.0.0.1 with
 *   POST|GET|PUT /basic/token  Basic-to-Bearer token endpoint (HTTP Basic in, JSON token out)
 *   POST /oauth/token          OAuth2 password and refresh_token grants, on @node-oauth/oauth2-server
 *   ANY  /api/...              a protected API that checks the Authorization header
 * and counters of everything it saw. Behaviour is switched at run time with `lab.set({...})`.
 * DPoP (RFC 9449, test/servers/dpop-checker.ts): a token request with a `DPoP` proof must carry
 * the lab's nonce (400 `use_dpop_nonce` otherwise) and gets `token_type` DPoP; its access and
 * refresh tokens are bound to the proof's key: a refresh must prove the same key, and the API
 * checks every proof of a bound token (`lab.dpopProofs`: every verdict, token endpoint and API).
 *
 *   const lab = await startTokenLab();          // lab.basicTokenUrl, lab.oauthTokenUrl, lab.apiUrl
 *   lab.set({ lifetimeSeconds: 3, expiredStatus: 403 });
 *   lab.counts.basicTokenCalls; lab.revokeAllTokens(); await lab.close();
 *
 * It stops by itself after `maxLifetimeMs` (default 30 min) so a crashed test never leaves it behind.
 */
import OAuth2Server, { Request as OAuthRequest, Response as OAuthResponse } from '@node-oauth/oauth2-server';
import type { AddressInfo } from 'net';
import { randomBytes } from 'crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';

import { DpopChecker, type DpopVerdict } from './dpop-checker';
import { withPassword } from './refusal-body';

export type BasicAnswerMode =
	| 'ok'
	| 'html'
	| 'not-json'
	| 'no-token'
	| 'number-token'
	| 'server-error'
	| 'hang';

export interface LabSettings {
	username: string;
	password: string;
	clientId: string;
	clientSecret: string;
	/** Lifetime of issued access tokens, both schemes. */
	lifetimeSeconds: number;
	/** What the API answers for an expired token (an unknown or revoked one always gets 401). */
	expiredStatus: number;
	/** Basic endpoint: how it answers a correct login. */
	basicMode: BasicAnswerMode;
	/** Basic endpoint: dot path of the token in the answer. */
	basicTokenPath: string;
	/** Basic endpoint: dot path of the lifetime; '' leaves the lifetime out. */
	basicExpiresPath: string;
	/** Basic endpoint: send the lifetime as a numeric string. */
	basicExpiresAsString: boolean;
	/** Both endpoints: write the submitted password into a refusal's error_description (redaction tests). */
	echoPasswordOnRefusal: boolean;
	/**
	 * Basic endpoint: the JSON body of a refused login (null: an OAuth error with error_description);
	 * `{password}` in its text stands for the password sent.
	 */
	basicRefusal: Record<string, unknown> | null;
	/** OAuth endpoint: refuse refresh_token grants (fallback-to-password tests). */
	refuseRefresh: boolean;
	/** Delay before every token answer, ms (lets concurrent callers pile up). */
	tokenDelayMs: number;
	/** API: answer every call with this status whatever the token (0: check the token). */
	apiStatusOverride: number;
	/**
	 * OAuth endpoint, OAuth 2.0 Security BCP: a rotated refresh token presented again revokes its
	 * whole family (every refresh and access token descended from the same password grant).
	 */
	revokeFamilyOnReuse: boolean;
}

export interface LabCounts {
	basicTokenCalls: number;
	basicRefused: number;
	oauthPasswordCalls: number;
	oauthRefreshCalls: number;
	oauthRefused: number;
	apiCalls: number;
	apiAccepted: number;
	apiRejected: number;
	/** API calls that carried a token past its expiry (renewal before expiry keeps this at 0). */
	apiExpiredSeen: number;
	/** Refresh grants that presented a refresh token already rotated away. */
	oauthRefreshReused: number;
	/** Token families revoked because of such a reuse (revokeFamilyOnReuse). */
	oauthFamiliesRevoked: number;
}

export interface TokenRequestRecord {
	/** Path and query string. */
	path: string;
	method: string;
	headers: Record<string, string | string[] | undefined>;
	form: Record<string, string>;
	/** Epoch ms when the request arrived. */
	at: number;
	/** The status the lab answered with (set once the answer is sent). */
	status?: number;
}

export interface TokenLab {
	url: string;
	basicTokenUrl: string;
	oauthTokenUrl: string;
	apiUrl: string;
	settings: LabSettings;
	counts: LabCounts;
	/** Authorization headers the API received, in order. */
	apiAuthorizations: string[];
	/** Every token request, in order. */
	tokenRequests: TokenRequestRecord[];
	/** Refresh tokens the OAuth endpoint issued, in order (rotation tests). */
	issuedRefreshTokens: string[];
	/** Access tokens both endpoints issued, in order (secret searches). */
	issuedAccessTokens: string[];
	/** Every DPoP proof the OAuth endpoint and the API judged, in order, with where it was sent. */
	dpopProofs: Array<DpopVerdict & { at: 'token' | 'api'; grantType?: string }>;
	dpop: DpopChecker;
	set(changes: Partial<LabSettings>): void;
	/** Makes every access token issued so far unknown to the API (it answers 401). */
	revokeAllTokens(): void;
	/** True once the API would answer `token` as expired (tests wait for this instead of sleeping). */
	hasExpired(token: string): boolean;
	resetCounts(): void;
	close(): Promise<void>;
}

interface IssuedAccessToken {
	expiresAt: number;
	/** The password grant this token descends from (OAuth endpoint only). */
	family?: number;
}

const DEFAULTS: LabSettings = {
	username: 'alice',
	password: 'wonderland-Pa55',
	clientId: 'lab-client',
	clientSecret: 'lab-client-s3cret',
	lifetimeSeconds: 3600,
	expiredStatus: 401,
	basicMode: 'ok',
	basicTokenPath: 'access_token',
	basicExpiresPath: 'expires_in',
	basicExpiresAsString: false,
	echoPasswordOnRefusal: false,
	basicRefusal: null,
	refuseRefresh: false,
	tokenDelayMs: 0,
	apiStatusOverride: 0,
	revokeFamilyOnReuse: false,
};

const emptyCounts = (): LabCounts => ({
	basicTokenCalls: 0,
	basicRefused: 0,
	oauthPasswordCalls: 0,
	oauthRefreshCalls: 0,
	oauthRefused: 0,
	apiCalls: 0,
	apiAccepted: 0,
	apiRejected: 0,
	apiExpiredSeen: 0,
	oauthRefreshReused: 0,
	oauthFamiliesRevoked: 0,
});

export async function startTokenLab(
	initial: Partial<LabSettings> = {},
	options: { port?: number; maxLifetimeMs?: number } = {},
): Promise<TokenLab> {
	const settings: LabSettings = { ...DEFAULTS, ...initial };
	const counts = emptyCounts();
	const accessTokens = new Map<string, IssuedAccessToken>();
	const apiAuthorizations: string[] = [];
	const tokenRequests: TokenRequestRecord[] = [];
	const issuedRefreshTokens: string[] = [];
	const issuedAccessTokens: string[] = [];
	const hanging = new Set<ServerResponse>();
	const dpop = new DpopChecker();
	const dpopProofs: TokenLab['dpopProofs'] = [];
	/** The key thumbprint each DPoP-bound access and refresh token is bound to. */
	const boundTo = new Map<string, string>();
	const oauth = createOAuthServer(settings, counts, accessTokens, issuedRefreshTokens, issuedAccessTokens);

	const issueAccessToken = (): string => {
		const token = `lab-${randomBytes(12).toString('hex')}`;
		accessTokens.set(token, { expiresAt: Date.now() + settings.lifetimeSeconds * 1000 });
		issuedAccessTokens.push(token);
		return token;
	};

	const server = createServer((req, res) => {
		void handle(req, res).catch((error: Error) => {
			if (!res.headersSent) send(res, 500, { error: 'lab_failure', error_description: error.message });
		});
	});

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const rawBody = await readBody(req);
		const path = url.pathname + url.search;
		if (url.pathname === '/basic/token') return await basicToken(req, res, rawBody, path);
		if (url.pathname === '/oauth/token') return await oauthToken(req, res, rawBody, path, url);
		if (url.pathname.startsWith('/api')) return await api(req, res, url);
		send(res, 404, { error: 'not_found' });
	}

	function record(res: ServerResponse, entry: TokenRequestRecord): void {
		tokenRequests.push(entry);
		res.once('finish', () => (entry.status = res.statusCode));
	}

	async function basicToken(req: IncomingMessage, res: ServerResponse, rawBody: string, path: string): Promise<void> {
		counts.basicTokenCalls++;
		record(res, { path, method: req.method ?? '', headers: req.headers, form: parseForm(rawBody), at: Date.now() });
		await pause(settings.tokenDelayMs);
		const login = parseBasic(req.headers.authorization);
		if (!login || login.username !== settings.username || login.password !== settings.password) {
			counts.basicRefused++;
			if (settings.basicRefusal) return send(res, 401, withPassword(settings.basicRefusal, login?.password ?? ''));
			const description = settings.echoPasswordOnRefusal
				? `Bad username or password (got "${login?.password ?? ''}")`
				: 'Bad username or password';
			return send(res, 401, { error: 'invalid_grant', error_description: description });
		}
		switch (settings.basicMode) {
			case 'html':
				return sendText(res, 200, 'text/html', '<!doctype html><html><body>Login portal</body></html>');
			case 'not-json':
				return sendText(res, 200, 'text/plain', 'token=abc; expires=60');
			case 'no-token':
				return send(res, 200, { message: 'welcome' });
			case 'number-token':
				return send(res, 200, { [settings.basicTokenPath]: 12345, expires_in: settings.lifetimeSeconds });
			case 'server-error':
				return send(res, 503, { error: 'temporarily_unavailable' });
			case 'hang':
				hanging.add(res);
				return;
			default: {
				const answer: Record<string, unknown> = {};
				setPath(answer, settings.basicTokenPath, issueAccessToken());
				if (settings.basicExpiresPath !== '') {
					const lifetime = settings.basicExpiresAsString ? String(settings.lifetimeSeconds) : settings.lifetimeSeconds;
					setPath(answer, settings.basicExpiresPath, lifetime);
				}
				return send(res, 200, answer);
			}
		}
	}

	async function oauthToken(req: IncomingMessage, res: ServerResponse, rawBody: string, path: string, url: URL): Promise<void> {
		const form = parseForm(rawBody);
		record(res, { path, method: req.method ?? '', headers: req.headers, form, at: Date.now() });
		await pause(settings.tokenDelayMs);
		if (form.grant_type === 'refresh_token') counts.oauthRefreshCalls++;
		else counts.oauthPasswordCalls++;
		if (form.grant_type === 'refresh_token' && settings.refuseRefresh) {
			counts.oauthRefused++;
			return send(res, 400, { error: 'invalid_grant', error_description: 'Refresh token refused' });
		}
		const bindTo = await dpopOfTokenRequest(req, res, url, form);
		if (bindTo === false) return;
		const request = new OAuthRequest({ method: req.method ?? 'POST', headers: req.headers as Record<string, string>, query: {}, body: form });
		const response = new OAuthResponse({ headers: {} });
		try {
			await oauth.token(request, response, { accessTokenLifetime: settings.lifetimeSeconds });
		} catch {
			// The library has already written the OAuth error into `response`.
		}
		if ((response.status ?? 200) >= 400) {
			counts.oauthRefused++;
			const body = response.body as Record<string, unknown>;
			if (settings.echoPasswordOnRefusal) body.error_description = `${String(body.error_description)} (got "${form.password ?? ''}")`;
		}
		const answer = response.body as Record<string, unknown>;
		if (bindTo !== undefined && (response.status ?? 200) < 300) {
			answer.token_type = 'DPoP';
			for (const token of [answer.access_token, answer.refresh_token]) if (typeof token === 'string') boundTo.set(token, bindTo);
		}
		send(res, response.status ?? 200, answer, response.headers as Record<string, string>);
	}

	/** The key thumbprint to bind the tokens to, undefined without DPoP, or false once a refusal was sent. */
	async function dpopOfTokenRequest(req: IncomingMessage, res: ServerResponse, url: URL, form: Record<string, string>): Promise<string | undefined | false> {
		const boundRefresh = form.grant_type === 'refresh_token' ? boundTo.get(form.refresh_token) : undefined;
		const admitted = await dpop.admitTokenRequest(req, url, boundRefresh, (verdict) => dpopProofs.push({ ...verdict, at: 'token', grantType: form.grant_type }));
		if (req.headers.dpop !== undefined) res.setHeader('DPoP-Nonce', dpop.currentNonce());
		if (!('error' in admitted)) return admitted.bindTo;
		counts.oauthRefused++;
		send(res, 400, { error: admitted.error, error_description: admitted.description });
		return false;
	}

	async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
		counts.apiCalls++;
		const authorization = String(req.headers.authorization ?? '');
		apiAuthorizations.push(authorization);
		if (settings.apiStatusOverride !== 0) {
			counts.apiRejected++;
			return send(res, settings.apiStatusOverride, { error: 'forced_by_lab' });
		}
		const token = authorization.replace(/^(Bearer|DPoP) /, '');
		const issued = accessTokens.get(token);
		if (!issued) {
			counts.apiRejected++;
			return send(res, 401, { error: 'invalid_token' });
		}
		if (!(await dpop.admitsApiRequest(req, url, authorization, boundTo.get(token), (verdict) => dpopProofs.push({ ...verdict, at: 'api' })))) {
			counts.apiRejected++;
			return send(res, 401, { error: 'invalid_dpop_proof' }, { 'WWW-Authenticate': 'DPoP error="invalid_dpop_proof"' });
		}
		if (issued.expiresAt <= Date.now()) {
			counts.apiRejected++;
			counts.apiExpiredSeen++;
			return send(res, settings.expiredStatus, { error: 'token_expired' });
		}
		counts.apiAccepted++;
		send(res, 200, {
			ok: true,
			path: url.pathname,
			item: url.searchParams.get('item'),
			rawToken: !/^(Bearer|DPoP) /.test(authorization),
		});
	}

	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const base = `http://127.0.0.1:${port}`;
	const stopTimer = setTimeout(() => void close(), options.maxLifetimeMs ?? 30 * 60_000);
	stopTimer.unref();

	async function close(): Promise<void> {
		clearTimeout(stopTimer);
		for (const res of hanging) res.destroy();
		hanging.clear();
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	return {
		url: base,
		basicTokenUrl: `${base}/basic/token`,
		oauthTokenUrl: `${base}/oauth/token`,
		apiUrl: `${base}/api/items`,
		settings,
		counts,
		apiAuthorizations,
		tokenRequests,
		issuedRefreshTokens,
		issuedAccessTokens,
		dpopProofs,
		dpop,
		set: (changes) => Object.assign(settings, changes),
		revokeAllTokens: () => accessTokens.clear(),
		hasExpired: (token) => (accessTokens.get(token.replace(/^Bearer /, ''))?.expiresAt ?? Infinity) <= Date.now(),
		resetCounts: () => {
			Object.assign(counts, emptyCounts());
			apiAuthorizations.length = 0;
			tokenRequests.length = 0;
			dpopProofs.length = 0;
		},
		close,
	};
}

/** The OAuth2 server library with an in-memory model; the lab's settings name the one client and user. */
function createOAuthServer(
	settings: LabSettings,
	counts: LabCounts,
	accessTokens: Map<string, IssuedAccessToken>,
	issuedRefreshTokens: string[],
	issuedAccessTokens: string[],
): OAuth2Server {
	interface Saved {
		refreshToken: string;
		refreshTokenExpiresAt?: Date;
		scope?: string[];
		client: { id: string; grants: string[] };
		/** The family rides on the user object: the library hands it from the old token to saveToken. */
		user: { username: string; family: number };
	}
	const refreshTokens = new Map<string, Saved>();
	/** Refresh tokens rotated away, with their family (reuse detection). */
	const rotatedAway = new Map<string, number>();
	let families = 0;
	const revokeFamily = (family: number) => {
		counts.oauthFamiliesRevoked++;
		for (const [token, saved] of refreshTokens) if (saved.user.family === family) refreshTokens.delete(token);
		for (const [token, issued] of accessTokens) if (issued.family === family) accessTokens.delete(token);
	};
	const client = () => ({ id: settings.clientId, grants: ['password', 'refresh_token'] });
	const model = {
		getClient: async (id: string, secret: string | null) =>
			id === settings.clientId && (secret === null || secret === settings.clientSecret) ? client() : false,
		getUser: async (username: string, password: string) =>
			username === settings.username && password === settings.password ? { username, family: ++families } : false,
		validateScope: async (_user: unknown, _client: unknown, scope?: string[]) => scope ?? ['default'],
		saveToken: async (token: Record<string, unknown>, savedClient: Saved['client'], user: Saved['user']) => {
			issuedAccessTokens.push(token.accessToken as string);
			accessTokens.set(token.accessToken as string, {
				expiresAt: (token.accessTokenExpiresAt as Date).getTime(),
				family: user.family,
			});
			if (typeof token.refreshToken === 'string') {
				issuedRefreshTokens.push(token.refreshToken);
				refreshTokens.set(token.refreshToken, {
					refreshToken: token.refreshToken,
					refreshTokenExpiresAt: token.refreshTokenExpiresAt as Date | undefined,
					scope: token.scope as string[] | undefined,
					client: savedClient,
					user,
				});
			}
			return { ...token, client: savedClient, user };
		},
		getAccessToken: async () => false,
		verifyScope: async () => true,
		getRefreshToken: async (refreshToken: string) => {
			const saved = refreshTokens.get(refreshToken);
			if (saved !== undefined) return saved;
			const family = rotatedAway.get(refreshToken);
			if (family !== undefined) {
				counts.oauthRefreshReused++;
				if (settings.revokeFamilyOnReuse) revokeFamily(family);
			}
			return false;
		},
		revokeToken: async (token: Saved) => {
			rotatedAway.set(token.refreshToken, token.user.family);
			return refreshTokens.delete(token.refreshToken);
		},
	};
	return new OAuth2Server({
		model: model as unknown as OAuth2Server.PasswordModel & OAuth2Server.RefreshTokenModel,
		requireClientAuthentication: { password: true, refresh_token: true },
		alwaysIssueNewRefreshToken: true,
		allowBearerTokensInQueryString: false,
	});
}

function parseBasic(header: string | undefined): { username: string; password: string } | undefined {
	if (!header?.startsWith('Basic ')) return undefined;
	const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon === -1 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function parseForm(raw: string): Record<string, string> {
	return Object.fromEntries(new URLSearchParams(raw));
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
	const keys = path.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
	node[keys[keys.length - 1]] = value;
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	sendText(res, status, 'application/json', JSON.stringify(body), headers);
}

function sendText(res: ServerResponse, status: number, type: string, text: string, headers: Record<string, string> = {}): void {
	res.writeHead(status, { ...headers, 'Content-Type': type, 'Cache-Control': 'no-store' });
	res.end(text);
}

async function pause(ms: number): Promise<void> {
	if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
}

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * Login lab: one HTTP (or HTTPS, given a key and certificate) server on 127.0.0.1 with
 *   POST|GET|PUT /login  a login that accepts the username and password as HTTP Basic, in a JSON
 *                        body (at dot paths), in a form body, or in the query string (GET), and
 *                        answers the token in the JSON body, a response header or a cookie
 *   ANY  /api/...        a protected API that expects the token as a header, query parameter or cookie
 * with counters of what it saw. Behaviour is switched at run time with `lab.set({...})`.
 * It stops by itself after `maxLifetimeMs` (default 30 min).
 */
import { createHmac, randomBytes } from 'crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import { createServer as createHttpsServer } from 'https';
import type { AddressInfo } from 'net';

import { withPassword } from './refusal-body';

export type ExpiryStyle = 'none' | 'secondsFromNow' | 'unixSeconds' | 'unixMilliseconds' | 'iso8601';

export interface LoginLabSettings {
	username: string;
	password: string;
	/** Where the login reads the credentials in a JSON body (dot paths) or a form (literal names). */
	usernamePath: string;
	passwordPath: string;
	/** Fields the login also requires in the body, e.g. {"remember": true}. */
	requiredExtra: Record<string, unknown>;
	/** Where the answer carries the token. */
	tokenIn: 'body' | 'header' | 'cookie';
	/** Dot path in the body, header name or cookie name. */
	tokenKey: string;
	/** Issue JWTs (with `exp`) instead of opaque tokens. */
	jwt: boolean;
	expiryStyle: ExpiryStyle;
	/** Dot path of the expiry in the body. */
	expiryPath: string;
	lifetimeSeconds: number;
	/** How the API expects the token. */
	apiExpects: { sendAs: 'header'; name: string; prefix: string } | { sendAs: 'query'; name: string } | { sendAs: 'cookie'; name: string };
	/** What the API answers a known but expired token. */
	expiredStatus: number;
	tokenDelayMs: number;
	/** The JSON body of a refused login (status 401); `{password}` in its text stands for the password sent. */
	refusal: Record<string, unknown>;
}

export interface LoginRecord {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

export interface LoginLab {
	url: string;
	loginUrl: string;
	apiUrl: string;
	settings: LoginLabSettings;
	counts: { loginCalls: number; loginRefused: number; apiCalls: number; apiAccepted: number; apiRejected: number; apiExpiredSeen: number };
	logins: LoginRecord[];
	/** What the API received, per call: the URL, and the Cookie and auth-looking headers. */
	apiRequests: Array<{ url: string; headers: Record<string, string | string[] | undefined> }>;
	set(changes: Partial<LoginLabSettings>): void;
	/** Makes every token issued so far unknown to the API (it answers 401). */
	revokeAllTokens(): void;
	/** Every token the login issued, in order (secret searches). */
	issuedTokens: string[];
	resetCounts(): void;
	close(): Promise<void>;
}

const DEFAULTS: LoginLabSettings = {
	username: 'carol@example.com',
	password: 'Log1n-pa55word',
	usernamePath: 'username',
	passwordPath: 'password',
	requiredExtra: {},
	tokenIn: 'body',
	tokenKey: 'token',
	jwt: false,
	expiryStyle: 'secondsFromNow',
	expiryPath: 'expires_in',
	lifetimeSeconds: 3600,
	apiExpects: { sendAs: 'header', name: 'authorization', prefix: 'Bearer ' },
	expiredStatus: 401,
	tokenDelayMs: 0,
	refusal: { error: 'invalid_credentials', error_description: 'Wrong username or password' },
};

export async function startLoginLab(
	initial: Partial<LoginLabSettings> = {},
	options: { tls?: { key: string; cert: string }; maxLifetimeMs?: number } = {},
): Promise<LoginLab> {
	const settings: LoginLabSettings = { ...DEFAULTS, ...initial };
	const counts = { loginCalls: 0, loginRefused: 0, apiCalls: 0, apiAccepted: 0, apiRejected: 0, apiExpiredSeen: 0 };
	const tokens = new Map<string, number>();
	const issuedTokens: string[] = [];
	const logins: LoginRecord[] = [];
	const apiRequests: LoginLab['apiRequests'] = [];

	const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
		const url = new URL(req.url ?? '/', 'http://lab');
		if (url.pathname === '/login') return void login(req, res, url, body);
		if (url.pathname.startsWith('/api')) return api(req, res, url);
		send(res, 404, { error: 'not_found' });
	};

	async function login(req: IncomingMessage, res: ServerResponse, url: URL, body: string) {
		counts.loginCalls++;
		logins.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
		if (settings.tokenDelayMs > 0) await new Promise((r) => setTimeout(r, settings.tokenDelayMs));
		const given = readCredentials(req, url, body);
		if (given.username !== settings.username || given.password !== settings.password || !given.extraOk) {
			counts.loginRefused++;
			return send(res, 401, withPassword(settings.refusal, String(given.password ?? '')));
		}
		const now = Date.now();
		const expiresAt = now + settings.lifetimeSeconds * 1000;
		const token = settings.jwt ? jwtFor(expiresAt) : `login-${randomBytes(12).toString('hex')}`;
		tokens.set(token, expiresAt);
		issuedTokens.push(token);
		const answer: Record<string, unknown> = { ok: true };
		const expiry = expiryValue(settings.expiryStyle, expiresAt, settings.lifetimeSeconds);
		if (expiry !== undefined) setPath(answer, settings.expiryPath, expiry);
		const headers: Record<string, string | string[]> = {};
		if (settings.tokenIn === 'body') setPath(answer, settings.tokenKey, token);
		if (settings.tokenIn === 'header') headers[settings.tokenKey] = token;
		if (settings.tokenIn === 'cookie') headers['set-cookie'] = ['theme=dark; Path=/', `${settings.tokenKey}=${token}; Path=/; HttpOnly`];
		send(res, 200, answer, headers);
	}

	function readCredentials(req: IncomingMessage, url: URL, body: string) {
		const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''));
		const type = String(req.headers['content-type'] ?? '');
		let fields: (path: string) => unknown = (name) => url.searchParams.get(name) ?? undefined;
		if (type.includes('application/json')) {
			const json = JSON.parse(body || '{}') as Record<string, unknown>;
			fields = (path) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], json);
		} else if (type.includes('application/x-www-form-urlencoded')) {
			const form = new URLSearchParams(body);
			fields = (name) => form.get(name) ?? undefined;
		}
		const extraOk = Object.entries(settings.requiredExtra).every(([key, value]) => JSON.stringify(fields(key)) === JSON.stringify(value));
		if (basic) {
			const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
			const colon = decoded.indexOf(':');
			return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), extraOk };
		}
		return { username: fields(settings.usernamePath), password: fields(settings.passwordPath), extraOk };
	}

	function api(req: IncomingMessage, res: ServerResponse, url: URL) {
		counts.apiCalls++;
		apiRequests.push({ url: req.url ?? '', headers: req.headers });
		const token = presentedToken(req, url);
		const expiresAt = token === undefined ? undefined : tokens.get(token);
		if (expiresAt === undefined) {
			counts.apiRejected++;
			return send(res, 401, { error: 'unknown token' });
		}
		if (Date.now() >= expiresAt) {
			counts.apiExpiredSeen++;
			counts.apiRejected++;
			return send(res, settings.expiredStatus, { error: 'token expired' });
		}
		counts.apiAccepted++;
		send(res, 200, { ok: true, item: url.searchParams.get('item'), path: url.pathname });
	}

	function presentedToken(req: IncomingMessage, url: URL): string | undefined {
		const expects = settings.apiExpects;
		if (expects.sendAs === 'query') return url.searchParams.get(expects.name) ?? undefined;
		if (expects.sendAs === 'cookie') {
			const pair = String(req.headers.cookie ?? '').split(';').map((p) => p.trim()).find((p) => p.startsWith(`${expects.name}=`));
			return pair?.slice(expects.name.length + 1);
		}
		const value = req.headers[expects.name.toLowerCase()];
		return typeof value === 'string' && value.startsWith(expects.prefix) ? value.slice(expects.prefix.length) : undefined;
	}

	const listener = (req: IncomingMessage, res: ServerResponse) => {
		let body = '';
		req.setEncoding('utf8');
		req.on('data', (chunk: string) => (body += chunk));
		req.on('end', () => handle(req, res, body));
	};
	const server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, listener) : createServer(listener);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
	const stopTimer = setTimeout(() => void close(), options.maxLifetimeMs ?? 30 * 60_000);
	stopTimer.unref();
	async function close() {
		clearTimeout(stopTimer);
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
	return {
		url,
		loginUrl: `${url}/login`,
		apiUrl: `${url}/api/things`,
		settings,
		counts,
		logins,
		apiRequests,
		set: (changes) => Object.assign(settings, changes),
		revokeAllTokens: () => tokens.clear(),
		issuedTokens,
		resetCounts: () => {
			Object.assign(counts, { loginCalls: 0, loginRefused: 0, apiCalls: 0, apiAccepted: 0, apiRejected: 0, apiExpiredSeen: 0 });
			logins.length = 0;
			apiRequests.length = 0;
		},
		close,
	};
}

function expiryValue(style: ExpiryStyle, expiresAt: number, lifetimeSeconds: number): unknown {
	switch (style) {
		case 'none':
			return undefined;
		case 'secondsFromNow':
			return lifetimeSeconds;
		case 'unixSeconds':
			return Math.floor(expiresAt / 1000);
		case 'unixMilliseconds':
			return expiresAt;
		case 'iso8601':
			return new Date(expiresAt).toISOString();
	}
}

/** An HS256 JWT whose `exp` is the token's expiry (whole seconds, rounded down as issuers do). */
function jwtFor(expiresAt: number): string {
	const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const head = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: 'carol', jti: randomBytes(6).toString('hex'), exp: Math.floor(expiresAt / 1000) })}`;
	return `${head}.${createHmac('sha256', 'login-lab').update(head).digest('base64url')}`;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown) {
	const keys = path.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
	node[keys[keys.length - 1]] = value;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

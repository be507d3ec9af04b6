/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * An emulator of Basic's (basic.tech) documented public contract, for tests. One HTTP server on
 * 127.0.0.1 that stops by itself (idle timeout and maximum lifetime).
 *
 * Auth (docs.basic.tech "Basic Auth", OpenAPI `GET /auth/authorize`, `POST /auth/token`):
 *   GET  /auth/authorize           validates client_id, redirect_uri, response_type=code, scope,
 *                                  state, code_challenge + code_challenge_method=S256; shows a
 *                                  consent page (buttons #approve and #deny)
 *   POST /auth/authorize/decision  the consent page's form; redirects to redirect_uri with
 *                                  code+state, or error=access_denied+state
 *   POST /auth/token               JSON or form-encoded body; grant_type authorization_code
 *                                  (code, redirect_uri, client_id, code_verifier checked against
 *                                  the S256 challenge; codes are single-use) or refresh_token
 *                                  (rotation: every refresh returns a new refresh token and the
 *                                  old one stops working). Answers access_token (a JWT, HS256),
 *                                  token_type, expires_in, refresh_token, scope.
 *   GET  /auth/userInfo            the signed-in user, for a valid Bearer token
 * Database (docs.basic.tech "Filtering, ordering, pagination"), Bearer token required, the
 * token's project must be the path's project:
 *   GET    /account/:project/db/:table        rows, `{ data: [...] }`; filters `field=op.value`
 *          (eq neq gt gte lt lte like ilike in not), `order=f.desc,g.asc`, `limit`, `offset`
 *   POST   /account/:project/db/:table        body `{ value: {...} }`, answers `{ data: row }`
 *   GET    /account/:project/db/:table/:id    `{ data: row }`
 *   PATCH  /account/:project/db/:table/:id    body `{ value: {...} }`, merges
 *   PUT    /account/:project/db/:table/:id    body `{ value: {...} }`, replaces
 *   DELETE /account/:project/db/:table/:id    `{ data: row }` (the deleted row)
 * Errors are `{ error, message }` with 400/401/403/404/415/422.
 * Test control (not part of Basic): GET /__emulator/state, POST /__emulator/expire-access-tokens,
 * POST /__emulator/config `{ "accessTokenTtlSeconds": n }`.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Row = Record<string, unknown> & { id: string };

export interface BasicEmulatorOptions {
	/** Port on 127.0.0.1; 0 (default) picks a free one. */
	port?: number;
	/** Projects (= OAuth client ids) and their tables with initial rows. */
	projects?: Record<string, Record<string, Array<Record<string, unknown>>>>;
	/** Lifetime of access tokens in seconds (Basic: 3600). */
	accessTokenTtlSeconds?: number;
	/** Reject authorize requests without a PKCE challenge (default true). */
	requirePkce?: boolean;
	/** Redirect URIs accepted besides n8n's callback on 127.0.0.1/localhost (any port). */
	redirectUris?: string[];
	/** The user every sign-in signs in as. */
	user?: { id: string; email: string; name: string; username?: string };
	/** Largest page a list request may ask for. */
	maxLimit?: number;
	/** Stop after this long without requests (default 10 min) and after maxLifetimeMs (30 min). */
	idleTimeoutMs?: number;
	maxLifetimeMs?: number;
}

export interface TokenRequestRecord {
	grantType: string;
	contentType: string;
	clientId?: string;
	ok: boolean;
	error?: string;
	/** The refresh token presented (refresh_token grant), to check rotation from the outside. */
	presentedRefreshToken?: string;
	issuedRefreshToken?: string;
}

export interface EmulatorState {
	authorizeRequests: number;
	/** Query of every authorize request, as received. */
	authorizeQueries: Array<Record<string, string>>;
	consents: { approved: number; denied: number };
	tokenRequests: TokenRequestRecord[];
	userInfoCalls: number;
	/** Database calls; `rows` is how many rows a list answer carried. */
	dbRequests: Array<{ method: string; path: string; query: string; status: number; rows?: number }>;
	unauthorized: number;
	liveRefreshTokens: number;
}

export interface BasicEmulator {
	url: string;
	port: number;
	state: EmulatorState;
	/** Every access token issued so far stops working (the next API call answers 401). */
	expireAccessTokens(): void;
	/**
	 * Every refresh token issued so far is refused from now on, as when the user signs out
	 * everywhere: 400 `invalid_grant` with `reason` as the error_description and message.
	 */
	revokeRefreshTokens(reason: string): void;
	setAccessTokenTtl(seconds: number): void;
	rows(projectId: string, table: string): Row[];
	close(): Promise<void>;
}

const N8N_CALLBACK = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/[^?#]*)?\/rest\/oauth2-credential\/callback$/;
const CODE_TTL_MS = 120_000;
const MAX_BODY = 1_000_000;
const MAX_RECORDS = 2_000;

class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
	}
}

const b64url = (buf: Buffer | string) => Buffer.from(buf).toString('base64url');

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Compare a stored value with a filter's text the way a typed database would. */
function coerce(rowValue: unknown, text: string): unknown {
	if (typeof rowValue === 'number') {
		const n = Number(text);
		return Number.isNaN(n) ? text : n;
	}
	if (typeof rowValue === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
	if (rowValue === null && text === 'null') return null;
	return text;
}

function compare(a: unknown, b: unknown): number {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	return String(a).localeCompare(String(b));
}

function likeToRegExp(pattern: string, flags: string): RegExp {
	const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/[*%]/g, '.*');
	return new RegExp(`^${escaped}$`, flags);
}

const OPERATORS = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'like', 'ilike', 'in', 'not'];

export function matches(rowValue: unknown, expression: string): boolean {
	const dot = expression.indexOf('.');
	const op = dot < 0 ? '' : expression.slice(0, dot);
	const text = dot < 0 ? '' : expression.slice(dot + 1);
	if (!OPERATORS.includes(op)) throw new HttpError(422, 'validation_failed', `Unknown filter operator in "${expression}"`);
	switch (op) {
		case 'eq':
			return rowValue === coerce(rowValue, text) || (rowValue === undefined && text === 'null');
		case 'neq':
			return !matches(rowValue, `eq.${text}`);
		case 'gt':
			return rowValue !== undefined && rowValue !== null && compare(rowValue, coerce(rowValue, text)) > 0;
		case 'gte':
			return rowValue !== undefined && rowValue !== null && compare(rowValue, coerce(rowValue, text)) >= 0;
		case 'lt':
			return rowValue !== undefined && rowValue !== null && compare(rowValue, coerce(rowValue, text)) < 0;
		case 'lte':
			return rowValue !== undefined && rowValue !== null && compare(rowValue, coerce(rowValue, text)) <= 0;
		case 'like':
		case 'ilike':
			return typeof rowValue === 'string' && likeToRegExp(text, op === 'ilike' ? 'i' : '').test(rowValue);
		case 'in': {
			const set = text.split(',').map((s) => s.trim());
			if (Array.isArray(rowValue)) return rowValue.some((v) => set.some((s) => v === coerce(v, s)));
			return set.some((s) => rowValue === coerce(rowValue, s));
		}
		case 'not': {
			const inner = text.slice(0, Math.max(0, text.indexOf('.')));
			if (!OPERATORS.includes(inner) || inner === 'not') {
				throw new HttpError(422, 'validation_failed', `"not" needs an operator to negate, got "${text}"`);
			}
			return !matches(rowValue, text);
		}
	}
	return false;
}

/** Basic's list grammar applied to rows: filters, order, offset, limit. */
export function queryRows(rows: Row[], params: URLSearchParams, maxLimit = 1000): Row[] {
	const filters: Array<[string, string]> = [];
	const seen = new Set<string>();
	let order: Array<{ field: string; desc: boolean }> = [];
	let limit: number | undefined;
	let offset = 0;
	for (const [key, value] of params) {
		if (key === 'order') {
			order = value
				.split(',')
				.filter(Boolean)
				.map((part) => {
					const [field, dir = 'asc', ...rest] = part.split('.');
					if (!field || rest.length || (dir !== 'asc' && dir !== 'desc')) {
						throw new HttpError(422, 'validation_failed', `Invalid order "${part}"`);
					}
					return { field, desc: dir === 'desc' };
				});
		} else if (key === 'limit' || key === 'offset') {
			const n = Number(value);
			if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) {
				throw new HttpError(422, 'validation_failed', `${key} must be a non-negative integer`);
			}
			if (key === 'limit') {
				if (n > maxLimit) throw new HttpError(422, 'validation_failed', `limit must be at most ${maxLimit}`);
				limit = n;
			} else offset = n;
		} else {
			if (seen.has(key)) {
				throw new HttpError(422, 'validation_failed', `Only one condition per field: "${key}" appears twice`);
			}
			seen.add(key);
			// The OpenAPI document also allows a plain `?id=<id>`.
			filters.push([key, key === 'id' && !/^[a-z]+\./.test(value) ? `eq.${value}` : value]);
		}
	}
	let result = rows.filter((row) => filters.every(([field, expr]) => matches(row[field], expr)));
	if (order.length) {
		result = [...result].sort((a, b) => {
			for (const { field, desc } of order) {
				const av = a[field];
				const bv = b[field];
				if (av === bv) continue;
				if (av === undefined || av === null) return 1;
				if (bv === undefined || bv === null) return -1;
				const c = compare(av, bv);
				if (c !== 0) return desc ? -c : c;
			}
			return 0;
		});
	}
	return result.slice(offset, limit === undefined ? undefined : offset + limit);
}

export async function startBasicEmulator(options: BasicEmulatorOptions = {}): Promise<BasicEmulator> {
	const secret = randomBytes(32);
	const requirePkce = options.requirePkce ?? true;
	const maxLimit = options.maxLimit ?? 1000;
	const user = { username: 'ada', ...(options.user ?? { id: 'user-1', email: 'ada@example.com', name: 'Ada Lovelace' }) };
	let accessTtl = options.accessTokenTtlSeconds ?? 3600;
	let generation = 1;
	let minGeneration = 1;

	const projects = new Map<string, Map<string, Row[]>>();
	for (const [projectId, tables] of Object.entries(options.projects ?? { 'demo-project': { todos: [] } })) {
		const map = new Map<string, Row[]>();
		for (const [table, rows] of Object.entries(tables)) {
			map.set(table, rows.map((row) => ({ ...row, id: typeof row.id === 'string' ? row.id : randomUUID() })));
		}
		projects.set(projectId, map);
	}

	const pending = new Map<string, Record<string, string>>();
	const codes = new Map<
		string,
		{ clientId: string; redirectUri: string; scope: string; challenge?: string; expiresAt: number }
	>();
	const refreshTokens = new Map<string, { clientId: string; scope: string; used: boolean; revoked?: string }>();

	const state: EmulatorState = {
		authorizeRequests: 0,
		authorizeQueries: [],
		consents: { approved: 0, denied: 0 },
		tokenRequests: [],
		userInfoCalls: 0,
		dbRequests: [],
		unauthorized: 0,
		liveRefreshTokens: 0,
	};
	const record = <T>(list: T[], entry: T) => {
		list.push(entry);
		if (list.length > MAX_RECORDS) list.shift();
	};

	function signJwt(payload: Record<string, unknown>): string {
		const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
		const body = b64url(JSON.stringify(payload));
		const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
		return `${head}.${body}.${sig}`;
	}

	function verifyJwt(token: string): Record<string, unknown> | undefined {
		const parts = token.split('.');
		if (parts.length !== 3) return undefined;
		const expected = Buffer.from(createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest('base64url'));
		const given = Buffer.from(parts[2]);
		if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
		const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString()) as Record<string, unknown>;
		if (typeof payload.exp !== 'number' || payload.exp * 1000 <= Date.now()) return undefined;
		if (typeof payload.gen !== 'number' || payload.gen < minGeneration) return undefined;
		return payload;
	}

	function issueTokens(clientId: string, scope: string) {
		const now = Date.now();
		const accessToken = signJwt({
			sub: user.id,
			aud: clientId,
			project_id: clientId,
			scope,
			iat: Math.floor(now / 1000),
			gen: generation,
			exp: Math.floor(now / 1000) + accessTtl,
			jti: randomUUID(),
		});
		const refreshToken = b64url(randomBytes(24));
		refreshTokens.set(refreshToken, { clientId, scope, used: false });
		state.liveRefreshTokens = [...refreshTokens.values()].filter((t) => !t.used).length;
		return { access_token: accessToken, token_type: 'Bearer', expires_in: accessTtl, refresh_token: refreshToken, scope };
	}

	function isAllowedRedirect(uri: string): boolean {
		return N8N_CALLBACK.test(uri) || (options.redirectUris ?? []).includes(uri);
	}

	async function readBody(req: http.IncomingMessage): Promise<string> {
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of req) {
			size += (chunk as Buffer).length;
			if (size > MAX_BODY) throw new HttpError(413, 'payload_too_large', 'Body too large');
			chunks.push(chunk as Buffer);
		}
		return Buffer.concat(chunks).toString('utf8');
	}

	async function readParams(req: http.IncomingMessage): Promise<{ params: Record<string, string>; contentType: string }> {
		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
		const raw = await readBody(req);
		if (contentType === 'application/json') {
			let parsed: unknown;
			try {
				parsed = JSON.parse(raw || '{}');
			} catch {
				throw new HttpError(400, 'invalid_request', 'Body is not valid JSON');
			}
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
				throw new HttpError(400, 'invalid_request', 'Body must be a JSON object');
			}
			const params: Record<string, string> = {};
			for (const [k, v] of Object.entries(parsed)) if (v !== undefined && v !== null) params[k] = String(v);
			return { params, contentType };
		}
		if (contentType === 'application/x-www-form-urlencoded') {
			return { params: Object.fromEntries(new URLSearchParams(raw)), contentType };
		}
		throw new HttpError(415, 'unsupported_media_type', `Unsupported content type "${contentType}"`);
	}

	function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		res.writeHead(status, {
			'content-type': typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/json',
			'cache-control': 'no-store',
			...headers,
		});
		res.end(text);
	}

	function redirect(res: http.ServerResponse, to: string) {
		res.writeHead(302, { location: to, 'cache-control': 'no-store' });
		res.end();
	}

	function authorize(url: URL, res: http.ServerResponse) {
		state.authorizeRequests++;
		const q = Object.fromEntries(url.searchParams);
		record(state.authorizeQueries, q);
		const redirectUri = q.redirect_uri ?? '';
		if (!q.client_id || !projects.has(q.client_id)) {
			return send(res, 400, page('Unknown client', `No Basic project has the client id "${escapeHtml(q.client_id ?? '')}".`));
		}
		if (!isAllowedRedirect(redirectUri)) {
			return send(res, 400, page('Redirect not allowed', `The redirect URI "${escapeHtml(redirectUri)}" is not registered.`));
		}
		const fail = (error: string, description: string) => {
			const to = new URL(redirectUri);
			to.searchParams.set('error', error);
			to.searchParams.set('error_description', description);
			if (q.state) to.searchParams.set('state', q.state);
			redirect(res, to.toString());
		};
		if (!q.state) return fail('invalid_request', 'state is required');
		if (q.response_type !== 'code') return fail('unsupported_response_type', 'response_type must be code');
		if (!q.scope) return fail('invalid_scope', 'scope is required');
		if (q.code_challenge || q.code_challenge_method) {
			if (q.code_challenge_method !== 'S256') return fail('invalid_request', 'only code_challenge_method=S256 is supported');
			if (!/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? '')) return fail('invalid_request', 'code_challenge is malformed');
		} else if (requirePkce) {
			return fail('invalid_request', 'code_challenge is required');
		}
		const requestId = b64url(randomBytes(16));
		pending.set(requestId, {
			clientId: q.client_id,
			redirectUri,
			scope: q.scope,
			state: q.state,
			challenge: q.code_challenge ?? '',
		});
		const scopes = q.scope
			.split(' ')
			.filter(Boolean)
			.map((s) => `<li>${escapeHtml(s)}</li>`)
			.join('');
		send(
			res,
			200,
			page(
				'Sign in with Basic',
				`<p>Signed in as <b>${escapeHtml(user.email)}</b>.</p>
<p>The app <b id="client">${escapeHtml(q.client_id)}</b> asks for:</p><ul id="scopes">${scopes}</ul>
<form method="post" action="/auth/authorize/decision">
<input type="hidden" name="request" value="${requestId}">
<button id="approve" name="decision" value="approve" type="submit">Allow</button>
<button id="deny" name="decision" value="deny" type="submit">Deny</button>
</form>`,
			),
		);
	}

	async function decide(req: http.IncomingMessage, res: http.ServerResponse) {
		const { params } = await readParams(req);
		const request = pending.get(params.request ?? '');
		if (!request) return send(res, 400, page('Expired', 'This sign-in request is unknown or was already answered.'));
		pending.delete(params.request);
		const to = new URL(request.redirectUri);
		if (params.decision !== 'approve') {
			state.consents.denied++;
			to.searchParams.set('error', 'access_denied');
		} else {
			state.consents.approved++;
			const code = b64url(randomBytes(24));
			codes.set(code, {
				clientId: request.clientId,
				redirectUri: request.redirectUri,
				scope: request.scope,
				challenge: request.challenge || undefined,
				expiresAt: Date.now() + CODE_TTL_MS,
			});
			to.searchParams.set('code', code);
		}
		to.searchParams.set('state', request.state);
		redirect(res, to.toString());
	}

	async function token(req: http.IncomingMessage, res: http.ServerResponse) {
		let entry: TokenRequestRecord = { grantType: '', contentType: '', ok: false };
		try {
			const { params, contentType } = await readParams(req);
			let clientId = params.client_id;
			const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '');
			if (!clientId && basic) clientId = decodeURIComponent(Buffer.from(basic[1], 'base64').toString().split(':')[0]);
			entry = { grantType: params.grant_type ?? '', contentType, clientId, ok: false };
			if (params.grant_type === 'authorization_code') {
				const code = codes.get(params.code ?? '');
				if (!code || code.expiresAt < Date.now()) throw new HttpError(400, 'invalid_grant', 'The authorization code is invalid, used or expired');
				codes.delete(params.code);
				if (clientId !== code.clientId) throw new HttpError(400, 'invalid_client', 'client_id does not match the authorization code');
				if (params.redirect_uri !== code.redirectUri) throw new HttpError(400, 'invalid_grant', 'redirect_uri does not match the authorize request');
				if (code.challenge) {
					const verifier = params.code_verifier ?? '';
					if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) throw new HttpError(400, 'invalid_grant', 'code_verifier is missing or malformed');
					const computed = createHash('sha256').update(verifier).digest('base64url');
					if (computed !== code.challenge) throw new HttpError(400, 'invalid_grant', 'code_verifier does not match the code_challenge');
				}
				const tokens = issueTokens(code.clientId, code.scope);
				entry = { ...entry, ok: true, issuedRefreshToken: tokens.refresh_token };
				return send(res, 200, tokens);
			}
			if (params.grant_type === 'refresh_token') {
				entry.presentedRefreshToken = params.refresh_token;
				const stored = refreshTokens.get(params.refresh_token ?? '');
				if (!stored) throw new HttpError(400, 'invalid_grant', 'Unknown refresh token');
				if (stored.used) throw new HttpError(400, 'invalid_grant', 'The refresh token was already used (rotated)');
				if (stored.revoked !== undefined) throw new HttpError(400, 'invalid_grant', stored.revoked);
				if (clientId && clientId !== stored.clientId) throw new HttpError(400, 'invalid_client', 'client_id does not match the refresh token');
				stored.used = true;
				const tokens = issueTokens(stored.clientId, stored.scope);
				entry = { ...entry, ok: true, issuedRefreshToken: tokens.refresh_token };
				return send(res, 200, tokens);
			}
			throw new HttpError(400, 'unsupported_grant_type', `Unsupported grant_type "${params.grant_type ?? ''}"`);
		} catch (error) {
			if (error instanceof HttpError) entry.error = error.code;
			throw error;
		} finally {
			record(state.tokenRequests, entry);
		}
	}

	function bearer(req: http.IncomingMessage): Record<string, unknown> {
		const match = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '');
		const payload = match ? verifyJwt(match[1].trim()) : undefined;
		if (!payload) {
			state.unauthorized++;
			throw new HttpError(401, 'unauthorized', match ? 'The access token is invalid or expired' : 'Missing bearer token');
		}
		return payload;
	}

	async function database(req: http.IncomingMessage, res: http.ServerResponse, url: URL, m: RegExpExecArray) {
		const method = req.method ?? 'GET';
		const entry: EmulatorState['dbRequests'][number] = { method, path: url.pathname, query: url.search, status: 500 };
		try {
			const payload = bearer(req);
			const projectId = decodeURIComponent(m[1]);
			const tableName = decodeURIComponent(m[2]);
			const rowId = m[3] === undefined ? undefined : decodeURIComponent(m[3]);
			if (payload.project_id !== projectId) throw new HttpError(403, 'forbidden', 'The token belongs to another project');
			const table = projects.get(projectId)?.get(tableName);
			if (!table) throw new HttpError(404, 'not_found', `Table "${tableName}" does not exist in this project`);
			const readValue = async () => {
				const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
				if (contentType !== 'application/json') throw new HttpError(415, 'unsupported_media_type', 'Send JSON');
				let body: unknown;
				try {
					body = JSON.parse((await readBody(req)) || '{}');
				} catch {
					throw new HttpError(400, 'invalid_request', 'Body is not valid JSON');
				}
				const value = (body as { value?: unknown } | null)?.value;
				if (!value || typeof value !== 'object' || Array.isArray(value)) {
					throw new HttpError(422, 'validation_failed', 'Body must be { "value": { ...fields } }');
				}
				const { id: _id, ...fields } = value as Record<string, unknown>;
				void _id;
				return fields;
			};
			const find = () => {
				const index = table.findIndex((row) => row.id === rowId);
				if (index < 0) throw new HttpError(404, 'not_found', `Row "${rowId}" not found in "${tableName}"`);
				return index;
			};
			let data: unknown;
			if (rowId === undefined && method === 'GET') {
				const rows = queryRows(table, url.searchParams, maxLimit);
				entry.rows = rows.length;
				data = rows;
			}
			else if (rowId === undefined && method === 'POST') {
				const row: Row = { id: randomUUID(), ...(await readValue()) };
				table.push(row);
				data = row;
			} else if (rowId !== undefined && method === 'GET') data = table[find()];
			else if (rowId !== undefined && method === 'PATCH') {
				const fields = await readValue();
				const i = find();
				table[i] = { ...table[i], ...fields, id: table[i].id };
				data = table[i];
			} else if (rowId !== undefined && method === 'PUT') {
				const fields = await readValue();
				const i = find();
				table[i] = { ...fields, id: table[i].id };
				data = table[i];
			} else if (rowId !== undefined && method === 'DELETE') {
				data = table.splice(find(), 1)[0];
			} else {
				throw new HttpError(405, 'method_not_allowed', `${method} is not supported here`);
			}
			entry.status = 200;
			send(res, 200, { data });
		} catch (error) {
			if (error instanceof HttpError) entry.status = error.status;
			throw error;
		} finally {
			record(state.dbRequests, entry);
		}
	}

	function page(title: string, body: string): string {
		return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
	}

	let idleTimer: NodeJS.Timeout | undefined;
	const idleMs = options.idleTimeoutMs ?? 10 * 60_000;
	const touch = () => {
		if (idleTimer) clearTimeout(idleTimer);
		idleTimer = setTimeout(() => void close(), idleMs);
		idleTimer.unref();
	};

	const server = http.createServer((req, res) => {
		touch();
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const method = req.method ?? 'GET';
		const handle = async () => {
			if (url.pathname === '/auth/authorize' && method === 'GET') return authorize(url, res);
			if (url.pathname === '/auth/authorize/decision' && method === 'POST') return await decide(req, res);
			if (url.pathname === '/auth/token' && method === 'POST') return await token(req, res);
			if (url.pathname === '/auth/userInfo' && method === 'GET') {
				bearer(req);
				state.userInfoCalls++;
				return send(res, 200, { ...user });
			}
			const db = /^\/account\/([^/]+)\/db\/([^/]+)(?:\/([^/]+))?\/?$/.exec(url.pathname);
			if (db) return await database(req, res, url, db);
			if (url.pathname === '/__emulator/state' && method === 'GET') return send(res, 200, state);
			if (url.pathname === '/__emulator/expire-access-tokens' && method === 'POST') {
				emulator.expireAccessTokens();
				return send(res, 200, { ok: true });
			}
			if (url.pathname === '/__emulator/config' && method === 'POST') {
				const { params } = await readParams(req);
				if (params.accessTokenTtlSeconds) emulator.setAccessTokenTtl(Number(params.accessTokenTtlSeconds));
				return send(res, 200, { accessTokenTtlSeconds: accessTtl });
			}
			throw new HttpError(404, 'not_found', `No route for ${method} ${url.pathname}`);
		};
		handle().catch((error: unknown) => {
			if (res.headersSent) return res.end();
			if (error instanceof HttpError) {
				const oauth = url.pathname === '/auth/token';
				return send(
					res,
					error.status,
					oauth ? { error: error.code, error_description: error.message, message: error.message } : { error: error.code, message: error.message },
					error.status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {},
				);
			}
			send(res, 500, { error: 'internal', message: String((error as Error)?.message ?? error) });
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	const lifetime = setTimeout(() => void close(), options.maxLifetimeMs ?? 30 * 60_000);
	lifetime.unref();
	touch();

	let closing: Promise<void> | undefined;
	function close(): Promise<void> {
		if (!closing) {
			clearTimeout(lifetime);
			if (idleTimer) clearTimeout(idleTimer);
			closing = new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		}
		return closing;
	}

	const emulator: BasicEmulator = {
		url: `http://127.0.0.1:${port}`,
		port,
		state,
		expireAccessTokens() {
			generation++;
			minGeneration = generation;
		},
		revokeRefreshTokens(reason: string) {
			for (const stored of refreshTokens.values()) stored.revoked = reason;
		},
		setAccessTokenTtl(seconds: number) {
			if (!Number.isFinite(seconds) || seconds < 1) throw new Error('TTL must be at least 1 second');
			accessTtl = Math.floor(seconds);
		},
		rows(projectId: string, table: string) {
			return projects.get(projectId)?.get(table) ?? [];
		},
		close,
	};
	return emulator;
}

// The emulator's contract, over HTTP: what the package's tests rely on it to check.
import { createHash, randomBytes } from 'node:crypto';
import { BasicEmulator, matches, startBasicEmulator } from '../../servers/basic-emulator';
import { useControlledDate } from '../../support/controlled-date';

const PROJECT = 'proj-unit';
const REDIRECT = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

function pkce() {
	const verifier = randomBytes(32).toString('base64url');
	return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

async function authorize(emu: BasicEmulator, params: Record<string, string>): Promise<Response> {
	const url = new URL('/auth/authorize', emu.url);
	for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
	return await fetch(url, { redirect: 'manual' });
}

/** Authorize + approve on the consent page; returns the callback URL Basic redirects to. */
async function consent(emu: BasicEmulator, challenge: string, decision = 'approve', state = 'st-1'): Promise<URL> {
	const page = await authorize(emu, {
		client_id: PROJECT,
		redirect_uri: REDIRECT,
		response_type: 'code',
		scope: 'profile',
		state,
		code_challenge: challenge,
		code_challenge_method: 'S256',
	});
	expect(page.status).toBe(200);
	const html = await page.text();
	expect(html).toContain('id="approve"');
	const requestId = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
	const res = await fetch(new URL('/auth/authorize/decision', emu.url), {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ request: requestId, decision }).toString(),
	});
	expect(res.status).toBe(302);
	return new URL(res.headers.get('location') ?? '');
}

async function tokenCall(emu: BasicEmulator, body: Record<string, string>, as: 'json' | 'form') {
	const res = await fetch(new URL('/auth/token', emu.url), {
		method: 'POST',
		headers: { 'content-type': as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' },
		body: as === 'json' ? JSON.stringify(body) : new URLSearchParams(body).toString(),
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function signIn(emu: BasicEmulator, as: 'json' | 'form' = 'form') {
	const { verifier, challenge } = pkce();
	const callback = await consent(emu, challenge);
	const code = callback.searchParams.get('code') ?? '';
	return await tokenCall(
		emu,
		{ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: PROJECT, code_verifier: verifier },
		as,
	);
}

async function api(emu: BasicEmulator, token: string, method: string, path: string, body?: unknown) {
	const res = await fetch(new URL(path, emu.url), {
		method,
		headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined,
	});
	return { status: res.status, body: (await res.json()) as { data?: unknown; message?: string; error?: string } };
}

describe('Basic emulator: sign-in (authorize, consent, token)', () => {
	const time = useControlledDate();
	let emu: BasicEmulator;
	beforeAll(async () => {
		emu = await startBasicEmulator({ projects: { [PROJECT]: { todos: [] } }, idleTimeoutMs: 60_000 });
	});
	afterAll(async () => await emu.close());

	it('shows a consent page, then redirects with code and the same state', async () => {
		const callback = await consent(emu, pkce().challenge, 'approve', 'state-xyz');
		expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
		expect(callback.searchParams.get('state')).toBe('state-xyz');
		expect(callback.searchParams.get('code')).toBeTruthy();
	});

	it('redirects with access_denied when the user denies', async () => {
		const callback = await consent(emu, pkce().challenge, 'deny');
		expect(callback.searchParams.get('error')).toBe('access_denied');
		expect(callback.searchParams.get('code')).toBeNull();
	});

	it.each([
		[{ state: '' }, 'invalid_request'],
		[{ response_type: 'token' }, 'unsupported_response_type'],
		[{ code_challenge_method: 'plain' }, 'invalid_request'],
		[{ code_challenge: '', code_challenge_method: '' }, 'invalid_request'],
	])('refuses an authorize request with %o', async (override, error) => {
		const params: Record<string, string> = {
			client_id: PROJECT,
			redirect_uri: REDIRECT,
			response_type: 'code',
			scope: 'profile',
			state: 's',
			code_challenge: pkce().challenge,
			code_challenge_method: 'S256',
			...override,
		};
		for (const key of Object.keys(params)) if (params[key] === '') delete params[key];
		const res = await authorize(emu, params);
		expect(res.status).toBe(302);
		expect(new URL(res.headers.get('location') ?? '').searchParams.get('error')).toBe(error);
	});

	it('refuses unknown clients and unregistered redirect URIs with an error page', async () => {
		const base = { response_type: 'code', scope: 'profile', state: 's', code_challenge: pkce().challenge, code_challenge_method: 'S256' };
		expect((await authorize(emu, { ...base, client_id: 'nope', redirect_uri: REDIRECT })).status).toBe(400);
		expect((await authorize(emu, { ...base, client_id: PROJECT, redirect_uri: 'https://evil.example/cb' })).status).toBe(400);
	});

	it.each(['json', 'form'] as const)('exchanges the code with the verifier (%s body)', async (as) => {
		const { status, body } = await signIn(emu, as);
		expect(status).toBe(200);
		expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'profile' });
		expect(String(body.access_token).split('.')).toHaveLength(3);
		expect(body.refresh_token).toBeTruthy();
		const last = emu.state.tokenRequests.at(-1);
		expect(last).toMatchObject({ grantType: 'authorization_code', ok: true, contentType: as === 'json' ? 'application/json' : 'application/x-www-form-urlencoded' });
	});

	it('refuses a wrong verifier, and a code used twice', async () => {
		const { verifier, challenge } = pkce();
		const code = (await consent(emu, challenge)).searchParams.get('code') ?? '';
		const base = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: PROJECT };
		const wrong = await tokenCall(emu, { ...base, code_verifier: pkce().verifier }, 'form');
		expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		// The failed attempt spent the code: a code is single-use.
		const again = await tokenCall(emu, { ...base, code_verifier: verifier }, 'form');
		expect(again).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
	});

	it('refuses a code sent with another redirect_uri', async () => {
		const { verifier, challenge } = pkce();
		const code = (await consent(emu, challenge)).searchParams.get('code') ?? '';
		const res = await tokenCall(
			emu,
			{ grant_type: 'authorization_code', code, redirect_uri: 'http://127.0.0.1:1/rest/oauth2-credential/callback', client_id: PROJECT, code_verifier: verifier },
			'json',
		);
		expect(res).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
	});

	it.each(['json', 'form'] as const)('rotates refresh tokens: the old one stops working (%s body)', async (as) => {
		const first = (await signIn(emu)).body;
		const refreshed = await tokenCall(emu, { grant_type: 'refresh_token', refresh_token: String(first.refresh_token), client_id: PROJECT }, as);
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
		expect(refreshed.body.access_token).not.toBe(first.access_token);
		const reused = await tokenCall(emu, { grant_type: 'refresh_token', refresh_token: String(first.refresh_token) }, as);
		expect(reused).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		const next = await tokenCall(emu, { grant_type: 'refresh_token', refresh_token: String(refreshed.body.refresh_token) }, as);
		expect(next.status).toBe(200);
	});

	it('refuses every refresh token issued before a revocation, with the reason, and not later ones', async () => {
		const before = (await signIn(emu)).body;
		emu.revokeRefreshTokens('The account signed out everywhere');
		const after = (await signIn(emu)).body;
		const refused = await tokenCall(emu, { grant_type: 'refresh_token', refresh_token: String(before.refresh_token) }, 'form');
		expect(refused).toMatchObject({
			status: 400,
			body: { error: 'invalid_grant', error_description: 'The account signed out everywhere', message: 'The account signed out everywhere' },
		});
		expect((await tokenCall(emu, { grant_type: 'refresh_token', refresh_token: String(after.refresh_token) }, 'form')).status).toBe(200);
	});

	it('refuses other content types and grant types', async () => {
		const res = await fetch(new URL('/auth/token', emu.url), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
		expect(res.status).toBe(415);
		expect(await tokenCall(emu, { grant_type: 'password' }, 'json')).toMatchObject({ status: 400, body: { error: 'unsupported_grant_type' } });
	});

	it('issues short-lived tokens on demand, and expires them on demand', async () => {
		emu.setAccessTokenTtl(1);
		const short = (await signIn(emu)).body;
		emu.setAccessTokenTtl(3600);
		expect(short.expires_in).toBe(1);
		expect((await api(emu, String(short.access_token), 'GET', '/auth/userInfo')).status).toBe(200);
		time.pass(1100);
		expect((await api(emu, String(short.access_token), 'GET', '/auth/userInfo')).status).toBe(401);

		const long = (await signIn(emu)).body;
		emu.expireAccessTokens();
		expect((await api(emu, String(long.access_token), 'GET', '/auth/userInfo')).status).toBe(401);
		const fresh = (await signIn(emu)).body;
		expect((await api(emu, String(fresh.access_token), 'GET', '/auth/userInfo')).status).toBe(200);
	});

	it('answers userInfo for a valid token only', async () => {
		const { body } = await signIn(emu);
		const me = await api(emu, String(body.access_token), 'GET', '/auth/userInfo');
		expect(me).toMatchObject({ status: 200, body: { id: 'user-1', email: 'ada@example.com' } });
		expect((await api(emu, 'not-a-token', 'GET', '/auth/userInfo')).status).toBe(401);
	});
});

describe('Basic emulator: database', () => {
	let emu: BasicEmulator;
	let token = '';
	const rows = [
		{ id: 'r1', title: 'Write report', status: 'open', priority: 3, tags: ['work'], created_at: '2026-01-03' },
		{ id: 'r2', title: 'buy milk', status: 'done', priority: 1, tags: ['home'], created_at: '2026-01-01' },
		{ id: 'r3', title: 'Plan project', status: 'open', priority: 5, tags: ['work', 'important'], created_at: '2026-01-02' },
		{ id: 'r4', title: 'Call Bob', status: 'deleted', priority: 2, tags: [], created_at: '2026-01-04' },
	];
	const list = async (query: string) => {
		const res = await api(emu, token, 'GET', `/account/${PROJECT}/db/todos${query}`);
		return { status: res.status, ids: Array.isArray(res.body.data) ? (res.body.data as Array<{ id: string }>).map((r) => r.id) : res.body };
	};

	beforeAll(async () => {
		emu = await startBasicEmulator({ projects: { [PROJECT]: { todos: rows, other: [] }, 'proj-2': { todos: [] } }, idleTimeoutMs: 60_000 });
		token = String((await signIn(emu)).body.access_token);
	});
	afterAll(async () => await emu.close());

	it.each([
		['?status=eq.open', ['r1', 'r3']],
		['?status=neq.deleted', ['r1', 'r2', 'r3']],
		['?priority=gt.2', ['r1', 'r3']],
		['?priority=gte.3', ['r1', 'r3']],
		['?priority=lt.2', ['r2']],
		['?priority=lte.2', ['r2', 'r4']],
		['?title=like.*Project*', []],
		['?title=ilike.*Project*', ['r3']],
		['?title=like.*project', ['r3']],
		['?title=ilike.*REPORT*', ['r1']],
		['?status=in.done,deleted', ['r2', 'r4']],
		['?tags=in.important,home', ['r2', 'r3']],
		['?status=not.eq.open', ['r2', 'r4']],
		['?order=priority.desc', ['r3', 'r1', 'r4', 'r2']],
		['?order=status.asc,created_at.desc', ['r4', 'r2', 'r1', 'r3']],
		['?order=created_at', ['r2', 'r3', 'r1', 'r4']],
		['?order=created_at.asc&limit=2&offset=1', ['r3', 'r1']],
		['?status=eq.open&order=priority.desc&limit=1', ['r3']],
		['?id=r2', ['r2']],
	])('GET %s', async (query, ids) => {
		expect(await list(query)).toEqual({ status: 200, ids });
	});

	it.each(['?status=between.1', '?status=eq.a&status=eq.b', '?limit=-1', '?order=a.sideways', '?status=not.work'])(
		'refuses %s with 422',
		async (query) => {
			expect((await list(query)).status).toBe(422);
		},
	);

	it('creates, reads, updates, replaces and deletes a row, answering { data }', async () => {
		const base = `/account/${PROJECT}/db/other`;
		const created = await api(emu, token, 'POST', base, { value: { title: 'a', done: false, extra: 1 } });
		expect(created.status).toBe(200);
		const row = created.body.data as { id: string };
		expect(row).toMatchObject({ title: 'a', done: false, extra: 1 });
		expect(await api(emu, token, 'GET', `${base}/${row.id}`)).toMatchObject({ status: 200, body: { data: row } });
		const patched = await api(emu, token, 'PATCH', `${base}/${row.id}`, { value: { done: true } });
		expect(patched.body.data).toEqual({ id: row.id, title: 'a', done: true, extra: 1 });
		const replaced = await api(emu, token, 'PUT', `${base}/${row.id}`, { value: { title: 'b' } });
		expect(replaced.body.data).toEqual({ id: row.id, title: 'b' });
		expect((await api(emu, token, 'DELETE', `${base}/${row.id}`)).body.data).toEqual({ id: row.id, title: 'b' });
		expect(await api(emu, token, 'GET', `${base}/${row.id}`)).toMatchObject({ status: 404, body: { error: 'not_found' } });
	});

	it('answers 401 without a token, 403 for another project, 404 for unknown tables, 422 without value', async () => {
		expect((await api(emu, 'x', 'GET', `/account/${PROJECT}/db/todos`)).status).toBe(401);
		expect((await api(emu, token, 'GET', '/account/proj-2/db/todos')).status).toBe(403);
		expect((await api(emu, token, 'GET', `/account/${PROJECT}/db/nope`)).status).toBe(404);
		expect((await api(emu, token, 'POST', `/account/${PROJECT}/db/todos`, { title: 'no wrapper' })).status).toBe(422);
	});

	it('matches values by type', () => {
		expect(matches(3, 'eq.3')).toBe(true);
		expect(matches('3', 'eq.3')).toBe(true);
		expect(matches(true, 'eq.true')).toBe(true);
		expect(matches(null, 'eq.null')).toBe(true);
		expect(matches('2026-02-01', 'gt.2026-01-31')).toBe(true);
	});
});

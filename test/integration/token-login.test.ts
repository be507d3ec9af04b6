/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, not shipped: linted by eslint.tests.config.mjs */
import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';

import type { TokenLoginApi } from '../../credentials/TokenLoginApi.credentials';
import { startForwardProxy } from '../servers/forward-proxy';
import { startLoginLab, type LoginLab } from '../servers/login-lab';
import { selfSignedCertificate } from '../servers/tls-material';
import { StoredCredential, failureOf, n8nRequester } from './support/n8n-request-harness';
import { useControlledDate } from '../support/controlled-date';
import { tokenLoginFields } from '../support/credential-fields';
import { inNewProcess } from './support/lab-credentials';

let lab: LoginLab;
beforeEach(async () => (lab = await startLoginLab()));
afterEach(async () => await lab.close());

const newProcess = () => inNewProcess<TokenLoginApi>('TokenLoginApi');

function loginFor(target: LoginLab, overrides: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return { ...tokenLoginFields(target.settings, target.loginUrl), ...overrides };
}

/** One request the HTTP Request node way and one the other nodes' way; both must pass. */
async function bothPaths(stored: StoredCredential) {
	const n8n = n8nRequester(newProcess(), stored);
	const legacy = await n8n.legacyRequest({ uri: `${lab.apiUrl}?item=legacy`, qs: { page: '2' }, headers: { Cookie: 'theme=dark' } });
	const modern = await n8n.httpRequest({ url: `${lab.apiUrl}?item=modern`, qs: { page: '3' }, headers: { Cookie: 'theme=dark' }, json: true });
	return [legacy, modern];
}

describe('Token Login API: login styles', () => {
	it('JSON body: nested dot-path fields and extra fields, POST', async () => {
		lab.set({ usernamePath: 'auth.email', passwordPath: 'auth.secret', requiredExtra: { remember: true, 'auth.realm': 'main' } });
		const stored = new StoredCredential(
			loginFor(lab, { usernameField: 'auth.email', passField: 'auth.secret', extraLoginFields: '{"remember": true, "auth": {"realm": "main"}}' }),
		);
		await bothPaths(stored);
		expect(lab.counts.loginCalls).toBe(1);
		expect(lab.logins[0].method).toBe('POST');
		expect(lab.logins[0].headers['content-type']).toMatch(/application\/json/);
		expect(JSON.parse(lab.logins[0].body)).toEqual({ remember: true, auth: { realm: 'main', email: 'carol@example.com', secret: 'Log1n-pa55word' } });
		expect(lab.counts.apiAccepted).toBe(2);
	});

	it('form body with literal field names, PUT, extra headers', async () => {
		lab.set({ usernamePath: 'login', passwordPath: 'pass', requiredExtra: { lang: 'en' } });
		const stored = new StoredCredential(
			loginFor(lab, { sendCredentialsAs: 'formBody', method: 'PUT', usernameField: 'login', passField: 'pass', extraLoginFields: '{"lang":"en"}', headers: '{"x-app":"n8n"}' }),
		);
		await bothPaths(stored);
		expect(lab.logins[0]).toMatchObject({ method: 'PUT', headers: expect.objectContaining({ 'x-app': 'n8n' }) });
		expect(lab.logins[0].headers['content-type']).toMatch(/x-www-form-urlencoded/);
		expect(new URLSearchParams(lab.logins[0].body).get('login')).toBe('carol@example.com');
		expect(lab.counts.apiAccepted).toBe(2);
	});

	it('Basic Auth header, no body', async () => {
		const stored = new StoredCredential(loginFor(lab, { sendCredentialsAs: 'basicAuth' }));
		await bothPaths(stored);
		expect(lab.logins[0].headers.authorization).toBe(`Basic ${Buffer.from('carol@example.com:Log1n-pa55word').toString('base64')}`);
		expect(lab.logins[0].body).toBe('');
		expect(lab.counts.apiAccepted).toBe(2);
	});

	it('GET sends the fields in the query string', async () => {
		const stored = new StoredCredential(loginFor(lab, { method: 'GET' }));
		await bothPaths(stored);
		expect(lab.logins[0].method).toBe('GET');
		expect(lab.logins[0].path).toMatch(/username=carol%40example\.com/);
		expect(lab.counts.apiAccepted).toBe(2);
	});

	it('a refused login fails once with a message without the password, and is not retried', async () => {
		const stored = new StoredCredential(loginFor(lab, { password: 'wrong-Pa55word' }));
		const n8n = n8nRequester(newProcess(), stored);
		const first = await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }));
		const second = await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }));
		expect(first).toMatch(/refused the login \(HTTP 401/);
		expect(second).toBe(first);
		expect(lab.counts.loginCalls).toBe(1);
		expect(first).not.toContain('wrong-Pa55word');
	});
});

describe('Token Login API: what a refused login tells its reader', () => {
	it.each([
		['message', { error: 'invalid_login', message: 'Account locked after 5 failed attempts (last: "{password}")' }, 'invalid_login: Account locked after 5 failed attempts (last: "***")'],
		['problem details (RFC 9457)', { type: 'about:blank', title: 'Unauthorized', detail: 'Account locked until 10:00 UTC' }, 'Account locked until 10:00 UTC'],
		['error object', { error: { code: 'ACCOUNT_LOCKED', message: 'Account locked' } }, 'ACCOUNT_LOCKED: Account locked'],
	])("shows the server's sentence from a %s beside its code, on both request paths, without the password", async (_, refusal, words) => {
		lab.set({ refusal });
		const n8n = n8nRequester(newProcess(), new StoredCredential(loginFor(lab, { password: 'wrong-Pa55word' })));
		const messages = [await failureOf(n8n.legacyRequest({ uri: lab.apiUrl })), await failureOf(n8n.httpRequest({ url: lab.apiUrl }))];
		for (const message of messages) {
			expect(message).toBe(`The token endpoint refused the login (HTTP 401: ${words})`);
		}
		expect(lab.counts.loginRefused).toBe(1);
		expect(JSON.stringify(lab.logins)).toContain('wrong-Pa55word');
	});

	it('cuts a huge sentence to 200 characters', async () => {
		lab.set({ refusal: { error: 'invalid_login', message: `Account locked. ${'Contact your administrator. '.repeat(20_000)}` } });
		const n8n = n8nRequester(newProcess(), new StoredCredential(loginFor(lab, { password: 'wrong-Pa55word' })));
		const message = await failureOf(n8n.httpRequest({ url: lab.apiUrl }));
		expect(message).toMatch(/^The token endpoint refused the login \(HTTP 401: invalid_login: Account locked\. Contact your administrator\. .*…\)$/);
		expect(message).toHaveLength('The token endpoint refused the login (HTTP 401: invalid_login: '.length + 200 + '…)'.length);
	});
});

describe('Token Login API: where the token comes from', () => {
	it.each([
		['the JSON body at a dot path', { tokenIn: 'body', tokenKey: 'data.auth.token' }, { answerLocation: 'body', answerKey: 'data.auth.token' }],
		['a response header', { tokenIn: 'header', tokenKey: 'x-auth-token' }, { answerLocation: 'header', answerKey: 'X-Auth-Token' }],
		['a cookie among others', { tokenIn: 'cookie', tokenKey: 'sid' }, { answerLocation: 'cookie', answerKey: 'sid' }],
	] as const)('%s', async (_, labSide, fields) => {
		lab.set(labSide);
		const stored = new StoredCredential(loginFor(lab, fields));
		await bothPaths(stored);
		expect(lab.counts.loginCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(2);
		expect(stored.data.accessToken).toMatch(/^login-[0-9a-f]{24}$/);
	});

	it('names the missing header and lists the cookies it got', async () => {
		lab.set({ tokenIn: 'cookie', tokenKey: 'sid' });
		const message = await failureOf(
			n8nRequester(newProcess(), new StoredCredential(loginFor(lab, { answerLocation: 'cookie', answerKey: 'session' }))).httpRequest({ url: lab.apiUrl }),
		);
		expect(message).toMatch(/no "session" cookie \(Token Key\)\. Cookies it set: theme, sid/);
	});
});

describe('Token Login API: expiry', () => {
	const time = useControlledDate();

	it.each([
		['secondsFromNow', 'secondsFromNow'],
		['unixSeconds', 'unixSeconds'],
		['unixMilliseconds', 'unixMilliseconds'],
		['iso8601', 'iso8601'],
	] as const)('reads %s and stores the absolute expiry', async (style, format) => {
		lab.set({ expiryStyle: style, expiryPath: 'data.expires', lifetimeSeconds: 600 });
		const stored = new StoredCredential(loginFor(lab, { expiryKey: 'data.expires', expiryFormat: format }));
		const before = Date.now();
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		const expiresAt = Number(stored.data.expiresAt);
		// Whole-second formats round down by up to a second.
		expect(expiresAt).toBeGreaterThanOrEqual(before + 600_000 - 1000);
		expect(expiresAt).toBeLessThanOrEqual(Date.now() + 600_000);
	});

	it('renews before an absolute expiry, so the API never sees an expired token (403 on expiry)', async () => {
		lab.set({ expiryStyle: 'unixMilliseconds', expiryPath: 'expires_at', lifetimeSeconds: 2, expiredStatus: 403 });
		const stored = new StoredCredential(loginFor(lab, { expiryKey: 'expires_at', expiryFormat: 'unixMilliseconds' }));
		const n8n = n8nRequester(newProcess(), stored);
		for (let i = 0; i < 6; i++) {
			await n8n.legacyRequest({ uri: lab.apiUrl });
			time.pass(500);
		}
		expect(lab.counts.apiExpiredSeen).toBe(0);
		expect(lab.counts.apiAccepted).toBe(6);
		expect(lab.counts.loginCalls).toBeGreaterThanOrEqual(2);
		expect(lab.counts.loginCalls).toBeLessThanOrEqual(4);
	});

	it('takes the JWT exp when the answer gives no expiry, and renews before it', async () => {
		lab.set({ jwt: true, expiryStyle: 'none', lifetimeSeconds: 3, expiredStatus: 403 });
		const stored = new StoredCredential(loginFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		const exp = JSON.parse(Buffer.from(String(stored.data.accessToken).split('.')[1], 'base64url').toString()).exp;
		expect(Number(stored.data.expiresAt)).toBe(exp * 1000);
		time.pass(3100);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		expect(lab.counts.loginCalls).toBe(2);
		expect(lab.counts.apiExpiredSeen).toBe(0);
	});

	it('keeps an opaque token without expiry until the API rejects it', async () => {
		lab.set({ expiryStyle: 'none' });
		const stored = new StoredCredential(loginFor(lab));
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		expect(stored.data.expiresAt).toBe('');
	});

	it('says to check the Expiry Format when the expiry read is already past', async () => {
		lab.set({ expiryStyle: 'unixSeconds', expiryPath: 'exp' });
		const stored = new StoredCredential(loginFor(lab, { expiryKey: 'exp', expiryFormat: 'unixMilliseconds' }));
		const message = await failureOf(n8nRequester(newProcess(), stored).httpRequest({ url: lab.apiUrl }));
		expect(message).toMatch(/already past: check the Expiry Format/);
	});
});

describe('Token Login API: where requests carry the token', () => {
	it.each([
		['Authorization: Bearer (default)', { sendAs: 'header', name: 'authorization', prefix: 'Bearer ' }, {}],
		['a custom header, custom prefix', { sendAs: 'header', name: 'x-api-token', prefix: 'Token ' }, { headerName: 'X-Api-Token', headerPrefix: 'Token ' }],
		['a header with an empty prefix', { sendAs: 'header', name: 'x-session', prefix: '' }, { headerName: 'X-Session', headerPrefix: '' }],
		['a query parameter', { sendAs: 'query', name: 'access_token' }, { placement: 'query', queryParameterName: 'access_token' }],
		['a cookie', { sendAs: 'cookie', name: 'sid' }, { placement: 'cookie', cookieName: 'sid' }],
	] as const)('%s, on the HTTP Request node path and the other nodes path', async (_, expects, fields) => {
		lab.set({ apiExpects: expects });
		await bothPaths(new StoredCredential(loginFor(lab, fields)));
		expect(lab.counts.apiAccepted).toBe(2);
		for (const request of lab.apiRequests) {
			// The request's own query parameters and cookies stay next to the token.
			expect(request.url).toMatch(/page=[23]/);
			expect(String(request.headers.cookie)).toContain('theme=dark');
		}
	});
});

describe('every exchanging type: Ignore SSL Issues against a self-signed token server', () => {
	let tlsLab: LoginLab;
	const tls = selfSignedCertificate();
	// The login lab accepts HTTP Basic (Basic to Bearer) and a form with username and password (the password grant).
	beforeEach(async () => (tlsLab = await startLoginLab({ tokenKey: 'access_token' }, { tls })));
	afterEach(async () => await tlsLab.close());

	const types = {
		tokenLoginApi: () => ({
			type: newProcess(),
			fields: { ...loginFor(tlsLab), answerKey: 'access_token' },
		}),
		basicToBearerApi: () => ({
			type: inNewProcess<ICredentialType>('BasicToBearerApi'),
			fields: { accessTokenUrl: tlsLab.loginUrl, username: tlsLab.settings.username, password: tlsLab.settings.password },
		}),
		passwordGrantOAuth2Api: () => ({
			type: inNewProcess<ICredentialType>('PasswordGrantOAuth2Api'),
			fields: { accessTokenUrl: tlsLab.loginUrl, username: tlsLab.settings.username, password: tlsLab.settings.password },
		}),
	};

	it.each(Object.keys(types) as Array<keyof typeof types>)('%s, off: fails with a message naming the certificate problem', async (name) => {
		const { type, fields } = types[name]();
		const stored = new StoredCredential(fields);
		const message = await failureOf(n8nRequester(type as never, stored).httpRequest({ url: tlsLab.apiUrl, skipSslCertificateValidation: true }));
		expect(message).toMatch(/TLS certificate is self-signed/);
		expect(tlsLab.counts.loginCalls).toBe(0);
	});

	it.each(Object.keys(types) as Array<keyof typeof types>)('%s, on: logs in and the request succeeds', async (name) => {
		const { type, fields } = types[name]();
		const stored = new StoredCredential({ ...fields, allowUnauthorizedCerts: true });
		// The API is on the same self-signed server; the node's own request skips the check by its own option.
		const answer = await n8nRequester(type as never, stored).httpRequest({ url: tlsLab.apiUrl, skipSslCertificateValidation: true, json: true });
		expect(answer).toMatchObject({ ok: true });
		expect(tlsLab.counts.loginCalls).toBe(1);
		expect(tlsLab.counts.apiAccepted).toBe(1);
	});
});

describe('proxy: HTTP_PROXY routes token requests as n8n routes its own (n8n-core reads the variables per request)', () => {
	const saved = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };
	afterEach(() => {
		for (const [key, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[key];
			else process.env[key] = value;
		}
	});

	it('logs in at a host name only the proxy resolves, and NO_PROXY bypasses it', async () => {
		const port = new URL(lab.url).port;
		const proxy = await startForwardProxy({ 'login.lab.internal': '127.0.0.1' });
		try {
			process.env.HTTP_PROXY = proxy.url;
			process.env.NO_PROXY = '';
			const stored = new StoredCredential(loginFor(lab, { loginUrl: `http://login.lab.internal:${port}/login` }));
			const answer = await n8nRequester(newProcess(), stored).httpRequest({ url: `http://login.lab.internal:${port}/api/things`, json: true });
			expect(answer).toMatchObject({ ok: true });
			expect(proxy.seen).toEqual([`POST http://login.lab.internal:${port}/login`, `GET http://login.lab.internal:${port}/api/things`]);

			process.env.NO_PROXY = 'login.lab.internal';
			const bypassed = new StoredCredential(loginFor(lab, { loginUrl: `http://login.lab.internal:${port}/login`, username: 'other' }));
			const message = await failureOf(n8nRequester(newProcess(), bypassed).httpRequest({ url: lab.apiUrl }));
			expect(message).toMatch(/host name (was not found|could not be resolved)/);
			expect(proxy.seen).toHaveLength(2);
		} finally {
			await proxy.close();
		}
	});
});

describe('Ignore SSL Issues and the fingerprint', () => {
	it('turning it on right after a certificate failure logs in (the failure was for the old settings)', async () => {
		const tlsLab = await startLoginLab({}, { tls: selfSignedCertificate() });
		try {
			const type = newProcess();
			const stored = new StoredCredential(loginFor(tlsLab));
			expect(await failureOf(n8nRequester(type, stored).httpRequest({ url: tlsLab.apiUrl, skipSslCertificateValidation: true }))).toMatch(/self-signed/);
			stored.write({ ...stored.read(), allowUnauthorizedCerts: true });
			const answer = await n8nRequester(type, stored).httpRequest({ url: tlsLab.apiUrl, skipSslCertificateValidation: true, json: true });
			expect(answer).toMatchObject({ ok: true });
			expect(tlsLab.counts.loginCalls).toBe(1);
		} finally {
			await tlsLab.close();
		}
	});

	it('keeps the fingerprint of a credential saved before the setting existed (off adds nothing)', async () => {
		const stored = new StoredCredential(loginFor(lab));
		const type = newProcess();
		await n8nRequester(type, stored).legacyRequest({ uri: lab.apiUrl });
		const before = stored.data.fingerprint;
		stored.write({ ...stored.read(), allowUnauthorizedCerts: false });
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		expect(stored.data.fingerprint).toBe(before);
		expect(lab.counts.loginCalls).toBe(1);
	});
});

describe('JWT exp for the other exchanging types', () => {
	it.each([
		['basicToBearerApi', 'BasicToBearerApi'],
		['passwordGrantOAuth2Api', 'PasswordGrantOAuth2Api'],
	])('%s stores the JWT exp as expiry when the answer has no expires_in', async (_, className) => {
		lab.set({ jwt: true, expiryStyle: 'none', tokenKey: 'access_token', lifetimeSeconds: 900 });
		const stored = new StoredCredential({ accessTokenUrl: lab.loginUrl, username: lab.settings.username, password: lab.settings.password });
		await n8nRequester(inNewProcess<ICredentialType>(className), stored).legacyRequest({ uri: lab.apiUrl });
		const exp = JSON.parse(Buffer.from(String(stored.data.accessToken).split('.')[1], 'base64url').toString()).exp;
		expect(Number(stored.data.expiresAt)).toBe(exp * 1000);
		expect(lab.counts.apiAccepted).toBe(1);
	});
});

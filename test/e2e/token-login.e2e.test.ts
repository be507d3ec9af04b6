/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// Token Login API in real n8n: HTTP Request node, predefined credential type, against the login
// lab (test/servers/login-lab.ts). Every count asserted is what the lab's servers saw.
import { startForwardProxy } from '../servers/forward-proxy';
import { startLoginLab } from '../servers/login-lab';
import { privateCaCertificate } from '../servers/tls-material';
import { errorText, nodeItems } from './harness/cli';
import { tokenLoginCredential } from './harness/lab-credentials';
import type { CredentialFixture } from './harness/cli';
import { useN8nSpec, useSharedN8n } from './harness/spec-setup';
import { flow, HTTP_NODE, itemUrl, type WorkflowFixture } from './harness/workflows';

describe('Token Login API in real n8n', () => {
	const PROXIED_HOST = 'login.lab.internal';
	// Listed in NO_PROXY beside the proxy: the proxy would resolve it too, so only NO_PROXY keeps its login from it.
	const BYPASSED_HOST = 'bypass.lab.internal';
	const ca = privateCaCertificate([PROXIED_HOST]);
	const flows: Record<string, WorkflowFixture> = {};
	const credentials: CredentialFixture[] = [];
	// Instance settings (process environment) of the spec's own n8n: the private CA trusted, HTTP and
	// HTTPS through the proxy but for BYPASSED_HOST and the labs on 127.0.0.1 (the private CA check
	// reaches its lab directly). The checks that need none run on the run's shared n8n.
	const proxiesTrustingCa = (proxyUrl: string) => {
		const noProxy = `${BYPASSED_HOST},127.0.0.1`;
		return {
			NODE_EXTRA_CA_CERTS: ca.caFile as string,
			HTTP_PROXY: proxyUrl,
			http_proxy: proxyUrl,
			HTTPS_PROXY: proxyUrl,
			https_proxy: proxyUrl,
			NO_PROXY: noProxy,
			no_proxy: noProxy,
		};
	};

	const { n8n, lab, caLab, proxy } = useN8nSpec('token-login', {
		env: ({ proxy }) => proxiesTrustingCa(proxy.url),
		servers: {
			lab: async () => await startLoginLab(),
			caLab: async () => await startLoginLab({}, { tls: ca }),
			proxy: async () => await startForwardProxy({ [PROXIED_HOST]: '127.0.0.1', [BYPASSED_HOST]: '127.0.0.1' }),
		},
		fixtures: ({ lab, caLab }) => {
			const port = new URL(lab.url).port;
			const proxiedTlsBase = `https://${PROXIED_HOST}:${new URL(caLab.url).port}`;
			// Each credential's settings differ from the others' (fields, URL or password), so none finds
			// a token another check left in the spec's n8n process.
			const creds = {
				jsonHeader: tokenLoginCredential(lab, { usernameField: 'auth.email', passField: 'auth.password', answerLocation: 'header', answerKey: 'X-Auth-Token' }),
				cookie: tokenLoginCredential(lab, { sendCredentialsAs: 'formBody', answerLocation: 'cookie', answerKey: 'sid', placement: 'cookie', cookieName: 'sid' }),
				hundred: tokenLoginCredential(lab),
				absolute: tokenLoginCredential(lab, { expiryKey: 'data.expires', expiryFormat: 'iso8601' }),
				privateCa: tokenLoginCredential(caLab),
				proxied: tokenLoginCredential(lab, { loginUrl: `http://${PROXIED_HOST}:${port}/login` }),
				bypassed: tokenLoginCredential(lab, { loginUrl: `http://${BYPASSED_HOST}:${port}/login` }),
				proxiedTls: tokenLoginCredential(caLab, { loginUrl: `${proxiedTlsBase}/login` }),
				locked: tokenLoginCredential(lab, { password: 'wrong-Pa55word' }),
			};
			flows.jsonHeader = flow(creds.jsonHeader, itemUrl(lab.apiUrl));
			flows.cookie = flow(creds.cookie, itemUrl(lab.apiUrl));
			flows.hundred = flow(creds.hundred, itemUrl(lab.apiUrl), 100);
			// One item every 5 s, so that a 20 s token reaches its renewal margin (at 16 s) inside the run.
			flows.absolute = flow(creds.absolute, itemUrl(lab.apiUrl), 6, { batching: { batch: { batchSize: 1, batchInterval: 5000 } } });
			flows.privateCa = flow(creds.privateCa, itemUrl(caLab.apiUrl));
			flows.proxied = flow(creds.proxied, itemUrl(`http://${PROXIED_HOST}:${port}/api/things`));
			// The API itself is reached directly, so only the login can have needed the proxy.
			flows.bypassed = flow(creds.bypassed, itemUrl(lab.apiUrl));
			flows.proxiedTls = flow(creds.proxiedTls, itemUrl(`${proxiedTlsBase}/api/things`));
			flows.locked = flow(creds.locked, itemUrl(lab.apiUrl));
			credentials.push(...Object.values(creds));
			return { credentials, workflows: Object.values(flows) };
		},
	});
	/** The run's shared n8n: n8n's defaults (no CA of the lab's, no proxy). */
	const defaults = useSharedN8n('token-login-defaults', () => ({ credentials, workflows: Object.values(flows) }));
	// A running n8n sends its own calls (n8n.io's registries) through HTTPS_PROXY too: only what went to a lab host counts.
	const proxiedTo = (host: string) => proxy.seen.filter((line) => line.includes(host));

	beforeEach(() => {
		lab.set({ usernamePath: 'username', passwordPath: 'password', tokenIn: 'body', tokenKey: 'token', expiryStyle: 'secondsFromNow', expiryPath: 'expires_in' });
		lab.set({ lifetimeSeconds: 3600, expiredStatus: 401, tokenDelayMs: 0, apiExpects: { sendAs: 'header', name: 'authorization', prefix: 'Bearer ' } });
		lab.resetCounts();
	});

	it('JSON-body login with nested fields, token from a response header, sent as Authorization: Bearer', async () => {
		lab.set({ usernamePath: 'auth.email', passwordPath: 'auth.password', tokenIn: 'header', tokenKey: 'x-auth-token' });
		const result = await defaults.execute(flows.jsonHeader.id);
		expect(result.ok).toBe(true);
		expect(nodeItems(result.run, HTTP_NODE)).toEqual([expect.objectContaining({ ok: true, item: '0' })]);
		expect(lab.counts.loginCalls).toBe(1);
		expect(JSON.parse(lab.logins[0].body)).toEqual({ auth: { email: lab.settings.username, password: lab.settings.password } });
		expect(lab.apiRequests[0].headers.authorization).toMatch(/^Bearer login-[0-9a-f]{24}$/);
	});

	it('form login, token from a cookie, sent back as a cookie', async () => {
		lab.set({ tokenIn: 'cookie', tokenKey: 'sid', apiExpects: { sendAs: 'cookie', name: 'sid' } });
		const result = await defaults.execute(flows.cookie.id);
		expect(result.ok).toBe(true);
		expect(nodeItems(result.run, HTTP_NODE)).toEqual([expect.objectContaining({ ok: true })]);
		expect(lab.logins[0].headers['content-type']).toMatch(/x-www-form-urlencoded/);
		expect(lab.counts.apiAccepted).toBe(1);
		expect(lab.apiRequests[0].headers.cookie).toMatch(/^sid=login-[0-9a-f]{24}$/);
		expect(lab.apiRequests[0].headers.authorization).toBeUndefined();
	});

	it('makes one token call for a 100-item run with a cold credential', async () => {
		lab.set({ tokenDelayMs: 300 });
		const result = await defaults.execute(flows.hundred.id);
		expect(result.ok).toBe(true);
		expect(nodeItems(result.run, HTTP_NODE)).toHaveLength(100);
		expect(lab.counts.loginCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(100);
		expect(lab.counts.apiRejected).toBe(0);
	});

	it('renews before an absolute (ISO 8601) expiry against an API that answers expired tokens with 403', async () => {
		// 20 s tokens, renewal margin 4 s: a request slowed by load has 4 s to reach the API before
		// its token expires. Items 5 s apart cross the margin (at 16 s) inside the 25 s run.
		lab.set({ expiryStyle: 'iso8601', expiryPath: 'data.expires', lifetimeSeconds: 20, expiredStatus: 403 });
		const result = await defaults.execute(flows.absolute.id);
		expect(result.ok).toBe(true);
		expect(nodeItems(result.run, HTTP_NODE)).toHaveLength(6);
		expect(lab.counts.apiExpiredSeen).toBe(0);
		expect(lab.counts.apiRejected).toBe(0);
		expect(lab.counts.apiAccepted).toBe(6);
		expect(lab.counts.loginCalls).toBeGreaterThanOrEqual(2);
		expect(lab.counts.loginCalls).toBeLessThanOrEqual(3);
	});

	it("names the refusal with the server's sentence beside its code, without the password", async () => {
		lab.set({ refusal: { error: 'invalid_login', message: 'Account locked after 5 failed attempts (last password: {password})' } });
		const result = await defaults.execute(flows.locked.id);
		expect(result.ok).toBe(false);
		expect(errorText(result.run)).toContain('The token endpoint refused the login (HTTP 401: invalid_login: Account locked after 5 failed attempts (last password: ***))');
		expect(JSON.stringify(result.run)).not.toContain('wrong-Pa55word');
		expect(lab.counts.loginRefused).toBe(1);
		expect(lab.counts.apiCalls).toBe(0);
	});

	it('trusts a private CA given with NODE_EXTRA_CA_CERTS, and names the certificate problem without it', async () => {
		const without = await defaults.execute(flows.privateCa.id);
		expect(without.ok).toBe(false);
		expect(errorText(without.run)).toMatch(/TLS certificate is signed by an unknown certificate authority/);
		expect(caLab.counts.loginCalls).toBe(0);
		const trusted = await n8n.execute(flows.privateCa.id);
		expect(trusted.ok).toBe(true);
		expect(caLab.counts.loginCalls).toBe(1);
		expect(caLab.counts.apiAccepted).toBe(1);
	});

	it('routes the login through HTTP_PROXY to a host name only the proxy resolves', async () => {
		proxy.seen.length = 0;
		const result = await n8n.execute(flows.proxied.id);
		if (process.env.E2E_DEBUG) console.log(errorText(result.run), proxy.seen);
		expect(result.ok).toBe(true);
		expect(proxy.seen).toEqual(expect.arrayContaining([expect.stringMatching(/^POST http:\/\/login\.lab\.internal:\d+\/login$/)]));
		expect(lab.counts.loginCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(1);
	});

	it('NO_PROXY sends the login around the proxy (the host name then does not resolve)', async () => {
		proxy.seen.length = 0;
		const result = await n8n.execute(flows.bypassed.id);
		expect(result.ok).toBe(false);
		expect(errorText(result.run)).toMatch(/host name (was not found|could not be resolved)/);
		expect(proxiedTo(BYPASSED_HOST)).toEqual([]);
		expect(lab.counts.loginCalls).toBe(0);
	});

	it('routes an HTTPS login through HTTPS_PROXY (CONNECT) and trusts the private CA on the way', async () => {
		proxy.seen.length = 0;
		caLab.resetCounts();
		const result = await n8n.execute(flows.proxiedTls.id);
		if (process.env.E2E_DEBUG) console.log(errorText(result.run), proxy.seen);
		expect(result.ok).toBe(true);
		const toLab = proxiedTo(PROXIED_HOST);
		expect(toLab[0]).toBe(`CONNECT ${PROXIED_HOST}:${new URL(caLab.url).port}`);
		expect(caLab.counts.loginCalls).toBe(1);
		expect(caLab.counts.apiAccepted).toBe(1);
	});
});

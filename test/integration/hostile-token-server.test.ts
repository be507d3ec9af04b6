/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, not shipped: linted by eslint.tests.config.mjs */
// Both exchanging credentials against deliberately hostile token endpoints, through n8n-core's
// own request helpers. The redirect target is a second real server that records every request.
import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';

import { CREDENTIAL_TEST_HEADER } from '../../credentials/common/engine/hooks';
import { MAX_TOKEN_LENGTH } from '../../credentials/common/response/text';
import { TRICKLE_MAX_BYTES, startHostileServer, type HostileServer } from '../servers/hostile-token-server';
import { HOSTILE_LOGIN, basicToBearerFields, passwordGrantFields, secretsOf } from '../support/credential-fields';
import { inNewProcess } from './support/lab-credentials';
import { StoredCredential, failureOf, n8nRequester } from './support/n8n-request-harness';

const MB = 1024 * 1024;

let server: HostileServer;
let target: HostileServer;

beforeEach(async () => {
	server = await startHostileServer();
	target = await startHostileServer();
});
afterEach(async () => {
	jest.restoreAllMocks();
	await server.close();
	await target.close();
});

const credentialTypes: Record<string, () => ICredentialType> = {
	'Basic to Bearer': () => inNewProcess<ICredentialType>('BasicToBearerApi'),
	'OAuth2 Password Grant': () => inNewProcess<ICredentialType>('PasswordGrantOAuth2Api'),
};

function credentialFor(kind: string, accessTokenUrl: string): ICredentialDataDecryptedObject {
	return kind === 'Basic to Bearer' ? basicToBearerFields(HOSTILE_LOGIN, accessTokenUrl) : passwordGrantFields(HOSTILE_LOGIN, accessTokenUrl);
}

/** One request like the HTTP Request node's, with a new n8n process (empty token store). */
async function callApi(kind: string, accessTokenUrl: string) {
	const stored = new StoredCredential(credentialFor(kind, accessTokenUrl));
	const n8n = n8nRequester(credentialTypes[kind](), stored);
	return { stored, result: n8n.legacyRequest({ uri: `${server.url}/api` }) };
}

const apiCalls = (s: HostileServer) => s.requests.filter((r) => r.path === '/api').length;
const everythingReceived = (s: HostileServer) => JSON.stringify(s.requests);

function expectNoSecretIn(s: HostileServer) {
	const seen = everythingReceived(s);
	for (const secret of secretsOf(HOSTILE_LOGIN)) {
		expect(seen).not.toContain(secret);
	}
}

describe.each(Object.keys(credentialTypes))('%s: redirects of the token request', (kind) => {
	it.each([302, 307, 308, 301, 303])('refuses a %i to another port, naming its origin; the target receives nothing', async (status) => {
		const to = encodeURIComponent(`${target.url}/token`);
		const { stored, result } = await callApi(kind, `${server.url}/redirect?status=${status}&to=${to}`);
		const message = await failureOf(result);
		expect(message).toContain(`The token endpoint redirected to ${target.url}, another origin than ${server.url}`);
		expect(target.requests).toEqual([]);
		expectNoSecretIn(target);
		expect(apiCalls(server)).toBe(0);
		expect(stored.writes).toBe(0);
	});

	it('refuses a redirect to another host name of the same machine (localhost vs 127.0.0.1)', async () => {
		const port = new URL(server.url).port;
		const to = encodeURIComponent(`http://localhost:${port}/token`);
		const { result } = await callApi(kind, `${server.url}/redirect?status=307&to=${to}`);
		expect(await failureOf(result)).toContain(`redirected to http://localhost:${port}, another origin`);
		expect(server.requests.map((r) => r.path)).toEqual([expect.stringMatching(/^\/redirect/)]);
	});

	it('follows a same-origin 307, sending the login again with method and body unchanged', async () => {
		const { stored, result } = await callApi(kind, `${server.url}/redirect?status=307&to=/token`);
		await expect(result).resolves.toEqual({ ok: true });
		const [first, second] = server.requests;
		expect(second).toMatchObject({ path: '/token', method: first.method, body: first.body });
		expect(second.headers.authorization).toBe(first.headers.authorization);
		expect(stored.data.accessToken).toBe('hostile-ok-1');
	});

	it('follows a same-origin 302 the way browsers do: a POST becomes a GET without body', async () => {
		const { result } = await callApi(kind, `${server.url}/redirect?status=302&to=/token`);
		await expect(result).resolves.toEqual({ ok: true });
		const second = server.requests[1];
		expect(second).toMatchObject({ path: '/token', method: 'GET', body: '' });
		expect(second.headers['content-type']).toBeUndefined();
	});

	it('sends the Test button\'s login without following a redirect (n8n sends that one itself)', async () => {
		const to = encodeURIComponent(`${target.url}/token`);
		const tokenUrl = `${server.url}/turncoat?status=307&to=${to}`;
		const stored = new StoredCredential(credentialFor(kind, tokenUrl));
		const type = credentialTypes[kind]();
		const test = n8nRequester(type, stored).httpRequest({ url: tokenUrl, headers: { [CREDENTIAL_TEST_HEADER]: 'login' }, json: true });
		await expect(test).rejects.toThrow(/307/);
		expect(server.requests.map((r) => r.path.split('?')[0])).toEqual(['/turncoat', '/turncoat']);
		expect(target.requests).toEqual([]);
	});

	it('stops after 5 redirects on the same origin', async () => {
		let url = '/token';
		for (let i = 0; i < 6; i++) url = `/redirect?status=307&to=${encodeURIComponent(url)}`;
		const { result } = await callApi(kind, `${server.url}${url}`);
		expect(await failureOf(result)).toContain('The token endpoint redirected more than 5 times');
		expect(server.requests).toHaveLength(6);
	});
});

// Node reads NODE_TLS_REJECT_UNAUTHORIZED from the real environment, which jest hides from a test,
// so the successful upgrade and the refused downgrade behind a trusted certificate run end to end
// (test/e2e/hostile-token-server.e2e.test.ts). Here the upgrade is followed up to the handshake.
describe.each(Object.keys(credentialTypes))('%s: http and https', (kind) => {
	it('follows an upgrade from http to https on the same host and port (sending nothing in clear text again)', async () => {
		const to = encodeURIComponent(`${server.httpsUrl}/token`);
		const { result } = await callApi(kind, `${server.url}/redirect?status=301&to=${to}`);
		expect(await failureOf(result)).toBe(
			'Could not reach the token endpoint: its TLS certificate is self-signed (trust its CA with NODE_EXTRA_CA_CERTS, or turn on Ignore SSL Issues (Insecure))',
		);
		expect(server.tlsConnections).toBe(1);
		expect(server.requests.map((r) => `${r.protocol} ${r.path}`)).toEqual([expect.stringMatching(/^http \/redirect/)]);
	});
});

describe.each(Object.keys(credentialTypes))('%s: issued tokens a header cannot carry', (kind) => {
	it.each([
		['CR', '0d', /contains a line break \(CR or LF\)/],
		['LF', '0a', /contains a line break \(CR or LF\)/],
		['NUL', '00', /contains the control character U\+0000/],
		['TAB', '09', /contains whitespace inside it/],
		['ESC', '1b', /contains the control character U\+001B/],
		['DEL', '7f', /contains the control character U\+007F/],
		['é', 'e9', /outside printable ASCII/],
	])('refuses a token with %s before any API call and stores nothing', async (_name, char, message) => {
		const { stored, result } = await callApi(kind, `${server.url}/token-with?char=${char}`);
		const text = await failureOf(result);
		expect(text).toMatch(message);
		expect(text).toMatch(/the token was refused and nothing was stored/);
		expect(apiCalls(server)).toBe(0);
		expect(stored.writes).toBe(0);
		expect(stored.data.accessToken).toBeUndefined();
	});

	it('refuses a token over 16 KB (in a small answer) and stores nothing', async () => {
		const { stored, result } = await callApi(kind, `${server.url}/big-token?chars=${MAX_TOKEN_LENGTH + 1}`);
		expect(await failureOf(result)).toMatch(/is 16385 characters long, over the 16384 a token may have/);
		expect(apiCalls(server)).toBe(0);
		expect(stored.writes).toBe(0);
	});
});

/** The failure's message and this process's memory (resident set) before, at its peak during, and after. */
async function withPeakMemory(run: () => Promise<string>) {
	const rss = () => process.memoryUsage().rss / MB;
	const before = rss();
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, rss())), 10);
	try {
		const message = await run();
		peak = Math.max(peak, rss());
		return { message, before, peak };
	} finally {
		clearInterval(sampler);
	}
}

// What bounds each answer is asserted, not how long it took: the error names the limit that was
// hit and the server recorded that the client left early. Times: scripts/benchmark-hostile.ts.
describe.each(Object.keys(credentialTypes))('%s: answers without bounds', (kind) => {
	const failing = async (path: string) => {
		const { stored, result } = await callApi(kind, `${server.url}${path}`);
		const figures = await withPeakMemory(async () => await failureOf(result));
		return { stored, ...figures };
	};

	it('stops reading a 40 MB token after 1 MB, closing the connection, with memory barely moving', async () => {
		const run = await failing(`/big-token?chars=${40 * MB}`);
		expect(run.message).toMatch(/The token endpoint's answer is larger than 1 MB \(counted after decompression\)/);
		// The client left early: what the server wrote past the 1 MB read sits in socket buffers.
		expect(await server.streamsEnded()).toEqual([{ path: '/big-token', bytes: expect.any(Number), end: 'client-left' }]);
		expect(server.streams[0].bytes).toBeLessThan(20 * MB);
		expect(run.peak - run.before).toBeLessThan(64);
		expect(run.stored.writes).toBe(0);
		expect(apiCalls(server)).toBe(0);
	});

	it('stops inflating a gzip answer of 200 MB after 1 MB, with memory barely moving', async () => {
		const run = await failing('/gzip-bomb?mb=200');
		expect(run.message).toMatch(/larger than 1 MB \(counted after decompression\)/);
		// 200 MB of "a" is a few hundred KB on the wire, which socket buffers may take whole: the
		// bound is the inflated size the client read (the message) and the memory it used.
		expect(run.peak - run.before).toBeLessThan(64);
		expect(run.stored.writes).toBe(0);
	});

	it('stops an endless answer after 1 MB, closing the connection', async () => {
		const run = await failing('/endless');
		expect(run.message).toMatch(/larger than 1 MB/);
		expect(await server.streamsEnded()).toEqual([{ path: '/endless', bytes: expect.any(Number), end: 'client-left' }]);
		expect(server.streams[0].bytes).toBeLessThan(20 * MB);
		expect(run.peak - run.before).toBeLessThan(64);
	});

	it('ends a call that trickles a byte every 2 s at the 15 s deadline for the whole call', async () => {
		const run = await failing('/trickle?everyMs=2000');
		expect(run.message).toMatch(/did not answer within 15 s \(the limit for the whole token call, reading the answer included\)/);
		// The client hung up on the trickle, long before its last byte.
		expect(await server.streamsEnded()).toEqual([{ path: '/trickle', bytes: expect.any(Number), end: 'client-left' }]);
		expect(server.streams[0].bytes).toBeLessThan(TRICKLE_MAX_BYTES);
		expect(apiCalls(server)).toBe(0);
	}, 40_000);
});

describe.each(Object.keys(credentialTypes))('%s: lifetime edge values', (kind) => {
	const tokenCalls = () => server.requests.filter((r) => r.path.startsWith('/token-lifetime')).length;

	it.each([['0', '0'], ['"0"', '"0"'], ['null', 'null']])('reads expires_in %s as no stated lifetime: one login for 20 requests', async (_name, value) => {
		const stored = new StoredCredential(credentialFor(kind, `${server.url}/token-lifetime?value=${encodeURIComponent(value)}`));
		const n8n = n8nRequester(credentialTypes[kind](), stored);
		for (let i = 0; i < 20; i++) await n8n.legacyRequest({ uri: `${server.url}/api` });
		expect(tokenCalls()).toBe(1);
		expect(apiCalls(server)).toBe(20);
		expect(stored.data.expiresAt).toBe('');
	});

	it('renews a 1 s token (the shortest accepted) at most every 0.8 s, not per request', async () => {
		// The engine's clock is driven by the test, so the renewal point is exact on any machine.
		let now = Date.UTC(2026, 0, 1);
		jest.spyOn(Date, 'now').mockImplementation(() => now);
		const stored = new StoredCredential(credentialFor(kind, `${server.url}/token-lifetime?value=1`));
		const n8n = n8nRequester(credentialTypes[kind](), stored);
		const requestsAt = async (offsetMs: number, count: number) => {
			now = Date.UTC(2026, 0, 1) + offsetMs;
			for (let i = 0; i < count; i++) await n8n.legacyRequest({ uri: `${server.url}/api` });
		};
		await requestsAt(0, 5);
		await requestsAt(799, 5);
		expect(tokenCalls()).toBe(1);
		await requestsAt(800, 5); // the renewal margin of a 1 s token is its last 20 %
		await requestsAt(1599, 5);
		expect(tokenCalls()).toBe(2);
		await requestsAt(1600, 5);
		expect(tokenCalls()).toBe(3);
		expect(apiCalls(server)).toBe(25);
	});

	it.each([
		['-5', /"expires_in" \([^)]+\) is -5, a negative number of seconds/],
		['0.5', /is 0.5, less than one second: no request could use the token before it expires/],
		['"soon"', /is text that is not a number of seconds/],
		['true', /is the boolean true, not a number of seconds/],
		['{"s":1}', /is an object, not a number of seconds/],
	])('refuses expires_in %s before any API call, with words that match it', async (value, message) => {
		const { stored, result } = await callApi(kind, `${server.url}/token-lifetime?value=${encodeURIComponent(value)}`);
		expect(await failureOf(result)).toMatch(message);
		expect(apiCalls(server)).toBe(0);
		expect(stored.writes).toBe(0);
	});
});

describe('URL user info', () => {
	it.each(Object.keys(credentialTypes))('%s: refuses an Access Token URL with user info before any call', async (kind) => {
		const withUserInfo = server.url.replace('http://', 'http://mallory:url-pa55@');
		const { stored, result } = await callApi(kind, `${withUserInfo}/token`);
		const message = await failureOf(result);
		expect(message).toMatch(/Access Token URL contains a user name or password before the host/);
		expect(message).not.toContain('url-pa55');
		expect(server.requests).toEqual([]);
		expect(stored.writes).toBe(0);
	});
});

// A hostile token endpoint in real n8n: the HTTP Request node with each exchanging credential.
// Redirects to another origin never carry the login; huge answers fail fast without moving n8n's
// memory (peak resident memory of the `n8n execute` process, against a normal run's).
import { startHostileServer, type HostileServer } from '../servers/hostile-token-server';
import type { CredentialFixture } from './harness/cli';
import { errorText } from './harness/cli';
import { createInstance, type N8nInstance } from './harness/instance';
import { executeMeasured } from './harness/peak-memory';
import { httpWorkflow, newId } from './harness/workflows';

const PASSWORD = 'hostile-e2e-Pa55word';
const CLIENT_SECRET = 'client-e2e-s3cret';
const SECRETS = [
	PASSWORD,
	CLIENT_SECRET,
	Buffer.from(`alice:${PASSWORD}`).toString('base64'),
	Buffer.from(`lab-client:${CLIENT_SECRET}`).toString('base64'),
];

function basicToBearer(accessTokenUrl: string): CredentialFixture {
	const id = newId();
	return {
		id,
		name: `hostile basic ${id}`,
		type: 'basicToBearerApi',
		data: { username: 'alice', password: PASSWORD, accessTokenUrl, accessExtractionKey: 'access_token', expiresInExtractionKey: 'expires_in', method: 'POST', headers: '{}', omitBearerPrefix: false },
	};
}

function passwordGrant(accessTokenUrl: string): CredentialFixture {
	const id = newId();
	return {
		id,
		name: `hostile grant ${id}`,
		type: 'passwordGrantOAuth2Api',
		data: { clientId: 'lab-client', clientSecret: CLIENT_SECRET, username: 'alice', password: PASSWORD, grantType: 'password', headers: '{}', accessTokenUrl, refreshTokenUrl: '', scope: '', clientAuthentication: 'header', omitBearerPrefix: false, bodyParameters: '{}' },
	};
}

const kinds = { 'Basic to Bearer': basicToBearer, 'OAuth2 Password Grant': passwordGrant };

describe('A hostile token endpoint in real n8n', () => {
	let n8n: N8nInstance;
	let server: HostileServer;
	let target: HostileServer;
	const tlsSetting = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

	beforeAll(async () => {
		// The spec runs many n8n processes; on a loaded machine it outlasts the servers' default 10 min.
		server = await startHostileServer({ maxLifetimeMs: 40 * 60_000 });
		target = await startHostileServer({ maxLifetimeMs: 40 * 60_000 });
		n8n = createInstance('hostile');
		// The hostile server's certificate is self-signed for this run; n8n trusts it through its
		// environment (passed on to every n8n process the harness starts), as an operator would.
		process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
	});
	afterAll(async () => {
		if (tlsSetting === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
		else process.env.NODE_TLS_REJECT_UNAUTHORIZED = tlsSetting;
		await server?.close();
		await target?.close();
		n8n?.cleanup();
	});
	beforeEach(() => {
		server.requests.length = 0;
		target.requests.length = 0;
	});

	async function run(kind: keyof typeof kinds, accessTokenUrl: string) {
		const credential = kinds[kind](accessTokenUrl);
		const workflow = httpWorkflow({ url: `${server.url}/api`, credentialType: credential.type, credentialId: credential.id, credentialName: credential.name });
		await n8n.load(workflow, [credential]);
		const result = await executeMeasured(n8n.cli, workflow.id);
		return { result, message: errorText(result.run), everything: `${result.stdout}\n${result.stderr}` };
	}

	const apiCalls = () => server.requests.filter((r) => r.path === '/api').length;

	describe.each(Object.keys(kinds) as Array<keyof typeof kinds>)('%s', (kind) => {
		it.each([302, 307])('fails on a %i to another origin, naming it; the target receives nothing', async (status) => {
			const to = encodeURIComponent(`${target.url}/token`);
			const { result, message } = await run(kind, `${server.url}/redirect?status=${status}&to=${to}`);
			expect(result.ok).toBe(false);
			expect(message).toContain(`The token endpoint redirected to ${target.url}, another origin than ${server.url}`);
			expect(target.requests).toEqual([]);
			const received = JSON.stringify(target.requests);
			for (const secret of SECRETS) expect(received).not.toContain(secret);
			expect(apiCalls()).toBe(0);
		});

		it('follows a same-origin 307 and the run succeeds', async () => {
			const { result } = await run(kind, `${server.url}/redirect?status=307&to=/token`);
			expect(result.ok).toBe(true);
			expect(server.requests.map((r) => r.path)).toEqual([expect.stringMatching(/^\/redirect/), '/token', '/api']);
		});

		it('follows an upgrade from http to https on the same host and port', async () => {
			const to = encodeURIComponent(`${server.httpsUrl}/token`);
			const { result } = await run(kind, `${server.url}/redirect?status=301&to=${to}`);
			expect(result.ok).toBe(true);
			expect(server.requests.map((r) => `${r.protocol} ${r.path}`)).toEqual([expect.stringMatching(/^http \/redirect/), 'https /token', 'http /api']);
		});

		it('refuses a downgrade from https to http', async () => {
			const to = encodeURIComponent(`${server.url}/token`);
			const { result, message } = await run(kind, `${server.httpsUrl}/redirect?status=302&to=${to}`);
			expect(result.ok).toBe(false);
			expect(message).toContain(`redirected from https to plain http (${server.url}): the login was not sent unencrypted`);
			expect(server.requests.map((r) => `${r.protocol} ${r.path}`)).toEqual([expect.stringMatching(/^https \/redirect/)]);
		});

		it('fails fast on a 40 MB token and on a gzip answer inflating to 200 MB, memory near a normal run', async () => {
			const normal = await run(kind, `${server.url}/token`);
			expect(normal.result.ok).toBe(true);
			const big = await run(kind, `${server.url}/big-token?chars=${40 * 1024 * 1024}`);
			const bomb = await run(kind, `${server.url}/gzip-bomb?mb=200`);
			for (const [name, hostile] of [['40 MB token', big], ['gzip to 200 MB', bomb]] as const) {
				process.stdout.write(
					`[hostile e2e] ${kind}, ${name}: n8n execute ${(hostile.result.ms / 1000).toFixed(1)} s (normal run ${(normal.result.ms / 1000).toFixed(1)} s), ` +
						`peak rss ${hostile.result.peakMb.toFixed(0)} MB (normal run ${normal.result.peakMb.toFixed(0)} MB)\n`,
				);
				expect(hostile.result.ok).toBe(false);
				expect(hostile.message).toMatch(/The token endpoint's answer is larger than 1 MB \(counted after decompression\)/);
				// Generous: a whole n8n process start is in both; before the limits the bomb took n8n to 3.4 GB.
				expect(hostile.result.ms).toBeLessThan(normal.result.ms + 10_000);
				expect(hostile.result.peakMb).toBeLessThan(normal.result.peakMb + 150);
			}
			expect(apiCalls()).toBe(1); // the normal run's only
		});

		it('ends a trickling answer at the 15 s deadline and an endless one at 1 MB', async () => {
			const trickle = await run(kind, `${server.url}/trickle?everyMs=2000`);
			const endless = await run(kind, `${server.url}/endless`);
			for (const [name, hostile] of [['trickle (1 byte / 2 s)', trickle], ['endless answer', endless]] as const) {
				process.stdout.write(
					`[hostile e2e] ${kind}, ${name}: n8n execute ${(hostile.result.ms / 1000).toFixed(1)} s, peak rss ${hostile.result.peakMb.toFixed(0)} MB\n`,
				);
				expect(hostile.result.ok).toBe(false);
			}
			expect(trickle.message).toMatch(/did not answer within 15 s \(the limit for the whole token call, reading the answer included\)/);
			expect(endless.message).toMatch(/answer is larger than 1 MB/);
			// A process start plus the 15 s deadline, once: n8n's retry after the failure makes no second call.
			expect(server.requests.filter((r) => r.path.startsWith('/trickle'))).toHaveLength(1);
			expect(trickle.result.ms).toBeLessThan(60_000);
			expect(apiCalls()).toBe(0);
		});
	});
});

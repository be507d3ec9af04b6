// A hostile token endpoint in real n8n: the HTTP Request node with each exchanging credential.
// Redirects to another origin never carry the login; huge answers fail at their limit, closing the
// connection, without moving n8n's memory (peak resident memory of the `n8n execute` process,
// against a normal run's). How long each takes: scripts/benchmark-hostile.ts.
import { TRICKLE_MAX_BYTES, startHostileServer } from '../servers/hostile-token-server';
import { HOSTILE_LOGIN, basicToBearerFields, passwordGrantFields, secretsOf } from '../support/credential-fields';
import { errorText } from './harness/cli';
import { basicToBearerFixture, passwordGrantFixture } from './harness/lab-credentials';
import { executeMeasured } from './harness/peak-memory';
import { useN8nSpec } from './harness/spec-setup';
import { httpWorkflow } from './harness/workflows';

const SECRETS = secretsOf(HOSTILE_LOGIN);
const basicToBearer = (accessTokenUrl: string) => basicToBearerFixture(basicToBearerFields(HOSTILE_LOGIN, accessTokenUrl));
const passwordGrant = (accessTokenUrl: string) => passwordGrantFixture(passwordGrantFields(HOSTILE_LOGIN, accessTokenUrl));

const kinds = { 'Basic to Bearer': basicToBearer, 'OAuth2 Password Grant': passwordGrant };

describe('A hostile token endpoint in real n8n', () => {
	// The spec runs many n8n processes; on a loaded machine it outlasts the servers' default 10 min.
	const hostileServer = async () => await startHostileServer({ maxLifetimeMs: 40 * 60_000 });
	const { n8n, server, target } = useN8nSpec('hostile', {
		// A new n8n process per run, as each check here was written for (a cold credential per run).
		separateProcesses: true,
		servers: { server: hostileServer, target: hostileServer },
		// The hostile server's certificate is self-signed for this run; n8n trusts it through its
		// environment, as an operator would.
		env: { NODE_TLS_REJECT_UNAUTHORIZED: '0' },
	});
	beforeEach(() => {
		server.requests.length = 0;
		server.streams.length = 0;
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

		it('stops a 40 MB token and a gzip answer inflating to 200 MB at 1 MB, memory near a normal run', async () => {
			const normal = await run(kind, `${server.url}/token`);
			expect(normal.result.ok).toBe(true);
			const big = await run(kind, `${server.url}/big-token?chars=${40 * 1024 * 1024}`);
			const bomb = await run(kind, `${server.url}/gzip-bomb?mb=200`);
			for (const hostile of [big, bomb]) {
				expect(hostile.result.ok).toBe(false);
				expect(hostile.message).toMatch(/The token endpoint's answer is larger than 1 MB \(counted after decompression\)/);
				// Generous: before the limits the bomb took n8n to 3.4 GB.
				expect(hostile.result.peakMb).toBeLessThan(normal.result.peakMb + 150);
			}
			// n8n hung up on the 40 MB token: what was written past the 1 MB read sits in socket buffers.
			const [bigToken] = (await server.streamsEnded()).filter((s) => s.path === '/big-token');
			expect(bigToken).toEqual({ path: '/big-token', bytes: expect.any(Number), end: 'client-left' });
			expect(bigToken.bytes).toBeLessThan(20 * 1024 * 1024);
			expect(apiCalls()).toBe(1); // the normal run's only
		});

		it('ends a trickling answer at the 15 s deadline and an endless one at 1 MB, hanging up on both', async () => {
			const trickle = await run(kind, `${server.url}/trickle?everyMs=2000`);
			const endless = await run(kind, `${server.url}/endless`);
			for (const hostile of [trickle, endless]) expect(hostile.result.ok).toBe(false);
			expect(trickle.message).toMatch(/did not answer within 15 s \(the limit for the whole token call, reading the answer included\)/);
			expect(endless.message).toMatch(/answer is larger than 1 MB/);
			// Once: n8n's retry after the failure makes no second call.
			expect(server.requests.filter((r) => r.path.startsWith('/trickle'))).toHaveLength(1);
			// n8n closed both connections, the trickle long before its last byte.
			expect(await server.streamsEnded()).toEqual([
				{ path: '/trickle', bytes: expect.any(Number), end: 'client-left' },
				{ path: '/endless', bytes: expect.any(Number), end: 'client-left' },
			]);
			expect(server.streams[0].bytes).toBeLessThan(TRICKLE_MAX_BYTES);
			expect(server.streams[1].bytes).toBeLessThan(20 * 1024 * 1024);
			expect(apiCalls()).toBe(0);
		});
	});
});

// n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED, n8n 2.12 and later) applied to the token
// call: every hop the package sends goes through the helper n8n gives the hook, which checks it
// before connecting. The token server is the hostile server on 127.0.0.1 (a blocked address by
// n8n's defaults), reached as 127.0.0.1 or as localhost so each setting can allow it on its own.
import { startHostileServer, type HostileServer } from '../servers/hostile-token-server';
import { errorText, nodeItems, type CredentialFixture } from './harness/cli';
import { createInstance, type N8nInstance } from './harness/instance';
import { N8nServer } from './harness/n8n-server';
import { describeOnLine2 } from './harness/spec-setup';
import { HTTP_NODE, httpWorkflow, newId } from './harness/workflows';

// describeOnLine2: n8n 1.123 has no SSRF protection setting (it came with @n8n/config 2.11.0, n8n 2.12.0).

// Each test imports and runs n8n a few times; a busy machine needs more than the suite's default.
jest.setTimeout(600_000);

const PASSWORD = `ssrf-secret-${newId()}`;
const PROTECTION_ON = { N8N_SSRF_PROTECTION_ENABLED: 'true' };
const BLOCKED_MESSAGE = /blocked by this n8n instance's SSRF protection.*N8N_SSRF_ALLOWED_HOSTNAMES.*N8N_SSRF_ALLOWED_IP_RANGES/s;

function credential(tokenUrl: string): CredentialFixture {
	const id = newId();
	return {
		id,
		name: `ssrf ${id}`,
		type: 'basicToBearerApi',
		data: {
			username: 'ssrf-user',
			password: PASSWORD,
			accessTokenUrl: tokenUrl,
			accessExtractionKey: 'access_token',
			expiresInExtractionKey: 'expires_in',
			method: 'POST',
			headers: '{}',
			omitBearerPrefix: false,
		},
	};
}

describeOnLine2('SSRF protection on the token call, in real n8n', () => {
	let n8n: N8nInstance;
	let hostile: HostileServer;
	let byName: string;

	beforeAll(async () => {
		hostile = await startHostileServer();
		byName = hostile.url.replace('127.0.0.1', 'localhost');
		n8n = createInstance('ssrf');
	});
	afterAll(async () => {
		await hostile?.close();
		n8n?.cleanup();
	});

	async function run(base: string, tokenPath: string, env: Record<string, string>) {
		const fixture = credential(`${base}${tokenPath}`);
		const workflow = httpWorkflow({ url: `${base}/api`, credentialType: fixture.type, credentialId: fixture.id, credentialName: fixture.name });
		await n8n.load(workflow, [fixture]);
		n8n.cli.extraEnv = env;
		const seenBefore = { connections: hostile.connections, requests: hostile.requests.length };
		// n8n 2.41.1's `execute` stays up after the run with the protection on (seen here): stop it
		// once it printed the execution.
		const result = await n8n.cli.execute(workflow.id, 5_000);
		const seen = hostile.requests.slice(seenBefore.requests).map((r) => r.path.replace(/\?.*/, ''));
		return { result, seen, connections: hostile.connections - seenBefore.connections };
	}

	it('blocks a token URL on 127.0.0.1 before connecting, and names the two settings', async () => {
		const { result, seen, connections } = await run(hostile.url, '/token', PROTECTION_ON);
		expect(result.ok).toBe(false);
		const message = errorText(result.run);
		expect(message).toMatch(BLOCKED_MESSAGE);
		expect(message).toContain('127.0.0.1');
		expect(message).not.toMatch(/refused the login/);
		expect(`${result.stdout}${result.stderr}`).not.toContain(PASSWORD);
		expect(connections).toBe(0);
		expect(seen).toEqual([]);
	});

	it('blocks a token URL on localhost too (it resolves to a loopback address)', async () => {
		const { result, connections } = await run(byName, '/token', PROTECTION_ON);
		expect(errorText(result.run)).toMatch(BLOCKED_MESSAGE);
		expect(connections).toBe(0);
	});

	it('works when N8N_SSRF_ALLOWED_IP_RANGES allows the address', async () => {
		const { result, seen } = await run(hostile.url, '/token', { ...PROTECTION_ON, N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' });
		expect(nodeItems(result.run, HTTP_NODE)).toEqual([{ ok: true }]);
		expect(seen).toEqual(['/token', '/api']);
	});

	it('works when N8N_SSRF_ALLOWED_HOSTNAMES allows the host name', async () => {
		const { result, seen } = await run(byName, '/token', { ...PROTECTION_ON, N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost' });
		expect(nodeItems(result.run, HTTP_NODE)).toEqual([{ ok: true }]);
		expect(seen).toEqual(['/token', '/api']);
	});

	it('follows a same-origin redirect on an allowed host (each hop passes n8n\'s check)', async () => {
		const { result, seen } = await run(byName, '/redirect?status=307&to=/token', { ...PROTECTION_ON, N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost' });
		expect(nodeItems(result.run, HTTP_NODE)).toEqual([{ ok: true }]);
		expect(seen).toEqual(['/redirect', '/token', '/api']);
	});

	it('blocks a redirect that looks like the same server (same port, by its address) to a blocked address', async () => {
		const to = encodeURIComponent(`${hostile.url}/token`);
		const { result, seen } = await run(byName, `/redirect?status=307&to=${to}`, { ...PROTECTION_ON, N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost' });
		expect(result.ok).toBe(false);
		expect(errorText(result.run)).toMatch(/redirected to http:\/\/127\.0\.0\.1:\d+.*not sent there/);
		expect(seen).toEqual(['/redirect']);
	});

	it('runs normally with the protection off (the default)', async () => {
		const { result, seen } = await run(hostile.url, '/token', {});
		expect(nodeItems(result.run, HTTP_NODE)).toEqual([{ ok: true }]);
		expect(seen).toEqual(['/token', '/api']);
	});
});

describeOnLine2("SSRF protection on the editor's Test button, with n8n's SSRF metrics", () => {
	let n8n: N8nInstance;
	let server: N8nServer;
	let hostile: HostileServer;
	let byName: string;

	beforeAll(async () => {
		hostile = await startHostileServer();
		byName = hostile.url.replace('127.0.0.1', 'localhost');
		n8n = createInstance('ssrf-test-button');
		server = await N8nServer.start(n8n.cli.line, n8n.userFolder, undefined, {
			...PROTECTION_ON,
			N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost',
			N8N_METRICS: 'true',
			N8N_METRICS_INCLUDE_SSRF_METRICS: 'true',
		});
		await server.setupOwnerAndLogin();
	});
	afterAll(async () => {
		await server?.stop();
		await hostile?.close();
		n8n?.cleanup();
	});

	/** n8n's counter of SSRF checks made before a request is sent (phase pre_flight). */
	async function preFlightChecks(result: 'allowed' | 'blocked'): Promise<number> {
		const text = await server.metrics();
		const found = text.match(new RegExp(`^n8n_ssrf_checks_total\\{[^}]*result="${result}"[^}]*phase="pre_flight"[^}]*\\} (\\d+)`, 'm'))
			?? text.match(new RegExp(`^n8n_ssrf_checks_total\\{[^}]*phase="pre_flight"[^}]*result="${result}"[^}]*\\} (\\d+)`, 'm'));
		return found ? Number(found[1]) : 0;
	}

	async function saveAndTest(tokenUrl: string) {
		const fixture = credential(tokenUrl);
		const id = await server.createCredential(fixture.name, fixture.type, fixture.data);
		return await server.testCredential(id, fixture.name, fixture.type, fixture.data);
	}

	it('checks every hop of the token call: a redirect costs one more check than a direct call', async () => {
		const directBefore = await preFlightChecks('allowed');
		const requestsBefore = hostile.requests.length;
		expect(await saveAndTest(`${byName}/token`)).toEqual(expect.objectContaining({ status: 'OK' }));
		const direct = (await preFlightChecks('allowed')) - directBefore;
		const directCalls = hostile.requests.length - requestsBefore;

		const redirectBefore = await preFlightChecks('allowed');
		const redirectRequestsBefore = hostile.requests.length;
		// The hook follows the redirect (each hop checked); n8n's own test request that follows does
		// not follow redirects and reports the 307, so only the counts are compared here.
		await saveAndTest(`${byName}/redirect?status=307&to=/token`);
		const redirected = (await preFlightChecks('allowed')) - redirectBefore;
		const redirectedCalls = hostile.requests.length - redirectRequestsBefore;

		// One n8n check per request that reached the server: the redirect hop was checked too.
		expect(direct).toBe(directCalls);
		expect(redirected).toBe(redirectedCalls);
		expect(redirectedCalls).toBeGreaterThan(directCalls);
	});

	it('fails the Test button on a blocked address with the SSRF message; nothing reaches the server', async () => {
		const blockedBefore = await preFlightChecks('blocked');
		const connectionsBefore = hostile.connections;
		const result = await saveAndTest(`${hostile.url}/token`);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(BLOCKED_MESSAGE);
		expect(result.message).not.toContain(PASSWORD);
		expect(hostile.connections).toBe(connectionsBefore);
		expect(await preFlightChecks('blocked')).toBeGreaterThan(blockedBefore);
	});
});

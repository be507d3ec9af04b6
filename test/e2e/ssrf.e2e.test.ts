// n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED, n8n 2.12 and later) applied to the token
// call: every hop the package sends goes through the helper n8n gives the hook, which checks it
// before connecting. The token server is the hostile server on 127.0.0.1 (a blocked address by
// n8n's defaults), reached as 127.0.0.1 or as localhost so each setting can allow it on its own.
// One `n8n start` per protection setting (`n8n.useSettings`; the tests of one setting come
// together); n8n's default, the protection off, is the run's shared n8n's. Every credential's
// token URL carries its own id, so none finds another's held token.
import { startHostileServer } from '../servers/hostile-token-server';
import { errorText, nodeItems, type CredentialFixture } from './harness/cli';
import type { N8nInstance } from './harness/instance';
import { describeOnLine2, useN8nSpec, useSharedN8n } from './harness/spec-setup';
import { HTTP_NODE, httpWorkflow, newId } from './harness/workflows';

// describeOnLine2: n8n 1.123 has no SSRF protection setting (it came with @n8n/config 2.11.0, n8n 2.12.0).

// A test that changes the protection setting starts n8n: on a busy machine one start alone took minutes.
jest.setTimeout(600_000);

const PASSWORD = `ssrf-secret-${newId()}`;
const PROTECTION_ON = { N8N_SSRF_PROTECTION_ENABLED: 'true' };
const LOCALHOST_ALLOWED = { ...PROTECTION_ON, N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost' };
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
			// The server reads no `credential` parameter: it makes the settings, so the held token, this credential's own.
			accessTokenUrl: `${tokenUrl}${tokenUrl.includes('?') ? '&' : '?'}credential=${id}`,
			accessExtractionKey: 'access_token',
			expiresInExtractionKey: 'expires_in',
			method: 'POST',
			headers: '{}',
			omitBearerPrefix: false,
		},
	};
}

describeOnLine2('SSRF protection in real n8n', () => {
	const { n8n, hostile } = useN8nSpec('ssrf', {
		// n8n starts with the first test's settings, not before.
		separateProcesses: true,
		// The spec can outlast the server's default 10 min on a busy machine (an n8n start per setting).
		servers: { hostile: async () => await startHostileServer({ maxLifetimeMs: 30 * 60_000 }) },
		// n8n's SSRF metrics in every process: the Test button's checks read them; they only count.
		env: { N8N_METRICS: 'true', N8N_METRICS_INCLUDE_SSRF_METRICS: 'true' },
	});
	// n8n's defaults (the protection off) are the run's shared n8n's: no n8n start of the spec's own for them.
	const defaults = useSharedN8n('ssrf-defaults');
	const byName = () => hostile.url.replace('127.0.0.1', 'localhost');

	/** The spec's `n8n start` with these protection settings (restarted when they differ). */
	async function editorWith(settings: Record<string, string>) {
		await n8n.useSettings(settings);
		return await n8n.server();
	}

	describe('on the token call', () => {
		async function run(base: string, tokenPath: string, settings: Record<string, string>) {
			await editorWith(settings);
			return await runOn(n8n, base, tokenPath);
		}

		async function runOn(instance: N8nInstance, base: string, tokenPath: string) {
			const fixture = credential(`${base}${tokenPath}`);
			const workflow = httpWorkflow({ url: `${base}/api`, credentialType: fixture.type, credentialId: fixture.id, credentialName: fixture.name });
			await instance.load(workflow, [fixture]);
			const seenBefore = { connections: hostile.connections, requests: hostile.requests.length };
			const result = await instance.execute(workflow.id);
			const seen = hostile.requests.slice(seenBefore.requests).map((r) => r.path.replace(/\?.*/, ''));
			return { result, seen, connections: hostile.connections - seenBefore.connections };
		}

		it('runs normally with the protection off (the default)', async () => {
			const { result, seen } = await runOn(defaults, hostile.url, '/token');
			expect(nodeItems(result.run, HTTP_NODE)).toEqual([{ ok: true }]);
			expect(seen).toEqual(['/token', '/api']);
		});

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
			const { result, connections } = await run(byName(), '/token', PROTECTION_ON);
			expect(errorText(result.run)).toMatch(BLOCKED_MESSAGE);
			expect(connections).toBe(0);
		});

		it('works when N8N_SSRF_ALLOWED_IP_RANGES allows the address', async () => {
			const { result, seen } = await run(hostile.url, '/token', { ...PROTECTION_ON, N8N_SSRF_ALLOWED_IP_RANGES: '127.0.0.1/32' });
			expect(nodeItems(result.run, HTTP_NODE)).toEqual([{ ok: true }]);
			expect(seen).toEqual(['/token', '/api']);
		});

		it('works when N8N_SSRF_ALLOWED_HOSTNAMES allows the host name', async () => {
			const { result, seen } = await run(byName(), '/token', LOCALHOST_ALLOWED);
			expect(nodeItems(result.run, HTTP_NODE)).toEqual([{ ok: true }]);
			expect(seen).toEqual(['/token', '/api']);
		});

		it('follows a same-origin redirect on an allowed host (each hop passes n8n\'s check)', async () => {
			const { result, seen } = await run(byName(), '/redirect?status=307&to=/token', LOCALHOST_ALLOWED);
			expect(nodeItems(result.run, HTTP_NODE)).toEqual([{ ok: true }]);
			expect(seen).toEqual(['/redirect', '/token', '/api']);
		});

		it('blocks a redirect that looks like the same server (same port, by its address) to a blocked address', async () => {
			const to = encodeURIComponent(`${hostile.url}/token`);
			const { result, seen } = await run(byName(), `/redirect?status=307&to=${to}`, LOCALHOST_ALLOWED);
			expect(result.ok).toBe(false);
			expect(errorText(result.run)).toMatch(/redirected to http:\/\/127\.0\.0\.1:\d+.*not sent there/);
			expect(seen).toEqual(['/redirect']);
		});
	});

	describe("on the editor's Test button, with n8n's SSRF metrics", () => {
		/** n8n's counter of SSRF checks made before a request is sent (phase pre_flight). */
		async function preFlightChecks(result: 'allowed' | 'blocked'): Promise<number> {
			const text = await (await editorWith(LOCALHOST_ALLOWED)).metrics();
			const found = text.match(new RegExp(`^n8n_ssrf_checks_total\\{[^}]*result="${result}"[^}]*phase="pre_flight"[^}]*\\} (\\d+)`, 'm'))
				?? text.match(new RegExp(`^n8n_ssrf_checks_total\\{[^}]*phase="pre_flight"[^}]*result="${result}"[^}]*\\} (\\d+)`, 'm'));
			return found ? Number(found[1]) : 0;
		}

		async function saveAndTest(tokenUrl: string) {
			const server = await editorWith(LOCALHOST_ALLOWED);
			const fixture = credential(tokenUrl);
			const id = await server.createCredential(fixture.name, fixture.type, fixture.data);
			return await server.testCredential(id, fixture.name, fixture.type, fixture.data);
		}

		it('checks every hop of the token call: a redirect costs one more check than a direct call', async () => {
			const directBefore = await preFlightChecks('allowed');
			const requestsBefore = hostile.requests.length;
			expect(await saveAndTest(`${byName()}/token`)).toEqual(expect.objectContaining({ status: 'OK' }));
			const direct = (await preFlightChecks('allowed')) - directBefore;
			const directCalls = hostile.requests.length - requestsBefore;

			const redirectBefore = await preFlightChecks('allowed');
			const redirectRequestsBefore = hostile.requests.length;
			// The hook follows the redirect (each hop checked); n8n's own test request that follows does
			// not follow redirects and reports the 307, so only the counts are compared here.
			await saveAndTest(`${byName()}/redirect?status=307&to=/token`);
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
});

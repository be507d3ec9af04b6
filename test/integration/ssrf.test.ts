/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, not shipped: linted by eslint.tests.config.mjs */
// n8n's SSRF protection (N8N_SSRF_PROTECTION_ENABLED) applied to the token call, through n8n-core's
// own request helpers and n8n's own SsrfProtectionService (@n8n/backend-network), configured the
// way an administrator configures it: by environment, read when n8n first builds the service.
process.env.N8N_SSRF_PROTECTION_ENABLED = 'true';
process.env.N8N_SSRF_ALLOWED_HOSTNAMES = 'localhost';

import type { ICredentialType } from 'n8n-workflow';

import { startHostileServer, type HostileServer } from '../servers/hostile-token-server';
import { inNewProcess } from './support/lab-credentials';
import { StoredCredential, failureOf, n8nRequester } from './support/n8n-request-harness';

const PASSWORD = 'ssrf-Pa55word';
const BLOCKED = /The token call to 127\.0\.0\.1 was blocked by this n8n instance's SSRF protection.*N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES/;

let server: HostileServer;
let byName: string;

beforeEach(async () => {
	server = await startHostileServer();
	byName = server.url.replace('127.0.0.1', 'localhost');
});
afterEach(async () => await server.close());

const basicToBearer = (): ICredentialType => inNewProcess<ICredentialType>('BasicToBearerApi');

function requester(accessTokenUrl: string) {
	const stored = new StoredCredential({ username: 'alice', password: PASSWORD, accessTokenUrl });
	return { stored, n8n: n8nRequester(basicToBearer(), stored) };
}

describe('SSRF protection on the token call (n8n-core helpers, protection on, localhost allowed by name)', () => {
	it('blocks a token URL on a blocked address before connecting; nothing is saved', async () => {
		const { stored, n8n } = requester(`${server.url}/token`);
		const message = await failureOf(n8n.legacyRequest({ uri: `${byName}/api` }));
		expect(message).toMatch(BLOCKED);
		expect(message).not.toContain(PASSWORD);
		expect(server.connections).toBe(0);
		expect(stored.writes).toBe(0);
	});

	it('lets a token URL on an allowed host through', async () => {
		const { n8n } = requester(`${byName}/token`);
		await expect(n8n.legacyRequest({ uri: `${byName}/api` })).resolves.toEqual({ ok: true });
		expect(server.requests.map((r) => r.path)).toEqual(['/token', '/api']);
	});

	it('follows a same-origin redirect on the allowed host (each hop is its own request through the helper)', async () => {
		// That n8n counts a check per hop is shown in real n8n by its SSRF metrics (test/e2e/ssrf.e2e.test.ts).
		const { n8n } = requester(`${byName}/redirect?status=307&to=/token`);
		await expect(n8n.legacyRequest({ uri: `${byName}/api` })).resolves.toEqual({ ok: true });
		expect(server.requests.map((r) => r.path.replace(/\?.*/, ''))).toEqual(['/redirect', '/token', '/api']);
	});

	it('refuses a redirect to the same server by its blocked address; only the first hop arrives', async () => {
		const { n8n } = requester(`${byName}/redirect?status=307&to=${encodeURIComponent(`${server.url}/token`)}`);
		const message = await failureOf(n8n.legacyRequest({ uri: `${byName}/api` }));
		expect(message).toMatch(/redirected to http:\/\/127\.0\.0\.1:\d+, another origin/);
		expect(server.requests.map((r) => r.path.replace(/\?.*/, ''))).toEqual(['/redirect']);
	});
});

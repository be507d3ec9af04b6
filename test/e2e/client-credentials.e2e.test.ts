// OAuth2 Client Credentials API in real n8n: HTTP Request node, predefined credential type, against
// oidc-provider (test/servers/oidc-lab.ts), whose resource server verifies every token. Every count
// asserted is what the lab's servers saw.
import { startOidcLab } from '../servers/oidc-lab';
import { errorText, nodeItems } from './harness/cli';
import { clientCredentialsCredential, keyChunks } from './harness/machine-credentials';
import { useN8nSpec } from './harness/spec-setup';
import { flow, HTTP_NODE, itemUrl, type WorkflowFixture } from './harness/workflows';

describe('OAuth2 Client Credentials API in real n8n (oidc-provider)', () => {
	const flows: Record<string, WorkflowFixture> = {};

	const { n8n, lab } = useN8nSpec('client-credentials', {
		// Its own n8n: the token one process stored, used by the next (n8n.restart).
		ownN8n: true,
		servers: { lab: startOidcLab },
		fixtures: ({ lab }) => {
			const creds = {
				hundred: clientCredentialsCredential(lab, 'rsa'),
				audience: clientCredentialsCredential(lab, 'basic', { bodyParameters: JSON.stringify({ audience: 'https://api.example.com' }) }),
				ec256: clientCredentialsCredential(lab, 'ec256'),
				secretJwt: clientCredentialsCredential(lab, 'secretJwt'),
				post: clientCredentialsCredential(lab, 'post'),
				// A valid key the provider does not know for this client (the ec256 client's key, sent as cc-rsa).
				unknownKey: clientCredentialsCredential(lab, 'rsa', { privateKey: lab.clients.ec256.privateKeyPem, signingAlgorithm: 'ES256' }),
			};
			for (const [key, cred] of Object.entries(creds)) flows[key] = flow(cred, itemUrl(lab.apiUrl), key === 'hundred' ? 100 : key === 'unknownKey' ? 5 : 1);
			return { credentials: Object.values(creds), workflows: Object.values(flows) };
		},
	});

	beforeEach(() => {
		lab.set({ tokenDelayMs: 0, lifetimeSeconds: 3600 });
		lab.resetCounts();
	});

	it('Private Key JWT: a 100-item run with a cold credential makes exactly 1 token call; the API accepts all 100', async () => {
		lab.set({ tokenDelayMs: 300 }); // every item's request starts while the token call is on its way
		const result = await n8n.execute(flows.hundred.id);
		expect({ ok: result.ok, error: errorText(result.run) }).toEqual({ ok: true, error: '' });
		const items = nodeItems(result.run, HTTP_NODE);
		expect(items).toHaveLength(100);
		expect(new Set(items.map((item) => item.item)).size).toBe(100);
		expect(lab.counts.tokenCalls).toBe(1);
		expect(lab.tokenCalls[0]).toEqual(expect.objectContaining({ authMethod: 'private_key_jwt', clientId: lab.clients.rsa.clientId, status: 200 }));
		expect(lab.tokenCalls[0].assertion?.header).toEqual(expect.objectContaining({ alg: 'RS256', kid: lab.clients.rsa.kid }));
		expect(lab.counts.apiAccepted).toBe(100);
		expect(lab.counts.apiRejected).toBe(0);
		// The second execution, in the next n8n process, uses the token stored in n8n's database.
		lab.resetCounts();
		await n8n.restart();
		const again = await n8n.execute(flows.hundred.id);
		expect({ ok: again.ok, error: errorText(again.run) }).toEqual({ ok: true, error: '' });
		expect(lab.counts.tokenCalls).toBe(0);
		expect(lab.counts.apiAccepted).toBe(100);
	});

	it('an `audience` body parameter reaches the authorization server and becomes the token audience the API sees', async () => {
		const result = await n8n.execute(flows.audience.id);
		expect({ ok: result.ok, error: errorText(result.run) }).toEqual({ ok: true, error: '' });
		expect(lab.counts.tokenCalls).toBe(1);
		expect(lab.tokenCalls[0].authMethod).toBe('client_secret_basic');
		expect(lab.tokenCalls[0].form).toEqual(expect.objectContaining({ grant_type: 'client_credentials', audience: 'https://api.example.com', scope: 'read' }));
		expect(lab.tokenCalls[0].tokenAudience).toBe('https://api.example.com');
		expect(lab.apiAudiences).toEqual(['https://api.example.com']);
	});

	it.each([
		['ec256', 'private_key_jwt'],
		['secretJwt', 'client_secret_jwt'],
		['post', 'client_secret_post'],
	] as const)('%s: authenticates as %s and the API accepts the token', async (key, method) => {
		const result = await n8n.execute(flows[key].id);
		expect({ ok: result.ok, error: errorText(result.run) }).toEqual({ ok: true, error: '' });
		expect(lab.tokenCalls.map((call) => [call.authMethod, call.status])).toEqual([[method, 200]]);
		expect(lab.counts.apiAccepted).toBe(1);
	});

	it('a key the server does not know: at most one token call, refused, and the message carries no key material', async () => {
		const result = await n8n.execute(flows.unknownKey.id);
		expect(result.ok).toBe(false);
		expect(lab.counts.tokenCalls).toBe(1);
		expect(lab.tokenCalls[0]).toEqual(expect.objectContaining({ status: 401, error: 'invalid_client' }));
		expect(lab.counts.apiCalls).toBe(0);
		const message = errorText(result.run);
		expect(message).toMatch(/refused|invalid_client/i);
		for (const chunk of keyChunks(lab.clients.ec256.privateKeyPem)) {
			expect(message).not.toContain(chunk);
			expect(result.stdout + result.stderr).not.toContain(chunk);
		}
		expect(result.stdout + result.stderr).not.toContain(lab.tokenCalls[0].form.client_assertion);
	});
});


// OAuth2 Client Credentials API in real n8n: HTTP Request node, predefined credential type, against
// oidc-provider (test/servers/oidc-lab.ts), whose resource server verifies every token. Every count
// asserted is what the lab's servers saw. A cold credential's one token call for 100 items, DPoP,
// and the stored token used by the next n8n process: next-process.e2e.test.ts.
import { startOidcLab } from '../servers/oidc-lab';
import { errorText } from './harness/cli';
import { clientCredentialsCredential, keyChunks } from './harness/machine-credentials';
import { useN8nSpec } from './harness/spec-setup';
import { flow, itemUrl, type WorkflowFixture } from './harness/workflows';

describe('OAuth2 Client Credentials API in real n8n (oidc-provider)', () => {
	const flows: Record<string, WorkflowFixture> = {};

	const { n8n, lab } = useN8nSpec('client-credentials', {
		servers: { lab: startOidcLab },
		fixtures: ({ lab }) => {
			const creds = {
				audience: clientCredentialsCredential(lab, 'basic', { bodyParameters: JSON.stringify({ audience: 'https://api.example.com' }) }),
				ec256: clientCredentialsCredential(lab, 'ec256'),
				secretJwt: clientCredentialsCredential(lab, 'secretJwt'),
				post: clientCredentialsCredential(lab, 'post'),
				// A valid key the provider does not know for this client (the ec256 client's key, sent as cc-rsa).
				unknownKey: clientCredentialsCredential(lab, 'rsa', { privateKey: lab.clients.ec256.privateKeyPem, signingAlgorithm: 'ES256' }),
			};
			const itemsOf: Record<string, number> = { unknownKey: 5 };
			for (const [key, cred] of Object.entries(creds)) flows[key] = flow(cred, itemUrl(lab.apiUrl), itemsOf[key] ?? 1);
			return { credentials: Object.values(creds), workflows: Object.values(flows) };
		},
	});

	beforeEach(() => {
		lab.set({ tokenDelayMs: 0, lifetimeSeconds: 3600 });
		lab.resetCounts();
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


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
				// DPoP with a key the credential generates and keeps with its token (its own client).
				dpop: clientCredentialsCredential(lab, 'ec384', { proofOfPossession: 'dpop', dpopKey: 'generated', dpopPrivateKey: '' }),
			};
			const itemsOf: Record<string, number> = { hundred: 100, unknownKey: 5, dpop: 6 };
			for (const [key, cred] of Object.entries(creds)) flows[key] = flow(cred, itemUrl(lab.apiUrl), itemsOf[key] ?? 1);
			return { credentials: Object.values(creds), workflows: Object.values(flows) };
		},
	});

	beforeEach(() => {
		lab.set({ tokenDelayMs: 0, lifetimeSeconds: 3600 });
		lab.resetCounts();
	});

	/**
	 * DPoP: the 6-item run makes 1 token (after the nonce challenge), and every API call carries a
	 * fresh proof the resource server accepts, bound to the token's key. Returns the token seen.
	 */
	async function dpopRun(tokenCalls: Array<[number, string | undefined, string | undefined]>): Promise<string> {
		const result = await n8n.execute(flows.dpop.id);
		expect({ ok: result.ok, error: errorText(result.run) }).toEqual({ ok: true, error: '' });
		expect(nodeItems(result.run, HTTP_NODE)).toHaveLength(6);
		expect(lab.tokenCalls.map((call) => [call.status, call.error, call.tokenType])).toEqual(tokenCalls);
		const accepted = lab.apiProofs.filter((proof) => proof.accepted && proof.htu === lab.apiUrl);
		expect(accepted).toHaveLength(6);
		expect(new Set(accepted.map((proof) => proof.jkt)).size).toBe(1);
		expect(new Set(accepted.map((proof) => proof.jti)).size).toBe(6);
		const token = lab.apiAuthorizations[0].replace(/^DPoP /, '');
		// No token, key or proof in n8n's output.
		expect(result.stdout + result.stderr).not.toContain(token);
		expect(result.stdout + result.stderr).not.toContain('PRIVATE KEY');
		expect(result.stdout + result.stderr).not.toMatch(/eyJ[\w-]{20,}\.eyJ/);
		return accepted[0].jkt as string;
	}

	// One restart serves both checks (an n8n start is the suite's largest cost).
	it('a cold credential makes exactly 1 token call (Private Key JWT, 100 items; DPoP, 6 items, each API call its own proof); after a restart the stored token (and DPoP key) is reused', async () => {
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
		lab.resetCounts();
		lab.set({ tokenDelayMs: 0 });
		const jkt = await dpopRun([
			[400, 'use_dpop_nonce', undefined],
			[200, undefined, 'DPoP'],
		]);
		// The second executions, in the next n8n process, use the tokens stored in n8n's database,
		// the DPoP token with its stored key (its proofs are still of the key the token is bound to).
		lab.resetCounts();
		await n8n.restart();
		const again = await n8n.execute(flows.hundred.id);
		expect({ ok: again.ok, error: errorText(again.run) }).toEqual({ ok: true, error: '' });
		expect(lab.counts.tokenCalls).toBe(0);
		expect(lab.counts.apiAccepted).toBe(100);
		lab.resetCounts();
		expect(await dpopRun([])).toBe(jkt);
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


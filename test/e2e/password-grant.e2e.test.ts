// OAuth2 Password Grant API in real n8n: HTTP Request node, predefined credential type, against
// the token lab's OAuth2 server (@node-oauth/oauth2-server, refresh tokens rotate on every use).
// The token one execution stored, used by the next and by the next n8n process, and the rotated
// refresh token the next process sends: next-process.e2e.test.ts.
import { startTokenLab } from '../servers/token-lab';
import { errorText, nodeItems } from './harness/cli';
import { passwordGrantCredential } from './harness/lab-credentials';
import { useN8nSpec } from './harness/spec-setup';
import { flow, HTTP_NODE, itemUrl, type WorkflowFixture } from './harness/workflows';

describe('OAuth2 Password Grant API in real n8n', () => {
	const flows: Record<string, WorkflowFixture> = {};

	const { n8n, lab } = useN8nSpec('password-grant', {
		servers: { lab: startTokenLab },
		fixtures: ({ lab }) => {
			const checks: Record<string, { items?: number; fields?: Record<string, unknown> }> = {
				hundred: { items: 100 },
				after401: {},
				inBody: { fields: { clientAuthentication: 'body' } },
				wrong: { items: 5, fields: { password: `wrong-${lab.settings.password}` } },
			};
			// One n8n process holds one token per settings: each credential has a token URL of its own
			// (the lab reads only the path), so each check starts with a cold credential.
			const credentials = Object.entries(checks).map(([key, { items, fields }]) => {
				const credential = passwordGrantCredential(lab, { accessTokenUrl: `${lab.oauthTokenUrl}?credential=${key}`, ...fields });
				flows[key] = flow(credential, itemUrl(lab.apiUrl), items);
				return credential;
			});
			return { credentials, workflows: Object.values(flows) };
		},
	});

	beforeEach(() => {
		lab.set({ lifetimeSeconds: 3600, expiredStatus: 401, tokenDelayMs: 0, echoPasswordOnRefusal: false, refuseRefresh: false });
		lab.resetCounts();
	});

	it('makes one token call for a 100-item run with a cold credential', async () => {
		lab.set({ tokenDelayMs: 300 });
		const result = await n8n.execute(flows.hundred.id);
		expect(result.ok).toBe(true);
		const items = nodeItems(result.run, HTTP_NODE);
		expect(items).toHaveLength(100);
		expect(new Set(items.map((item) => item.item)).size).toBe(100);
		expect(lab.counts.oauthPasswordCalls + lab.counts.oauthRefreshCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(100);
		expect(lab.counts.apiRejected).toBe(0);
	});

	it('renews after the API answers 401 (with the refresh token) and the request succeeds', async () => {
		const first = await n8n.execute(flows.after401.id);
		expect(first.ok).toBe(true);
		lab.revokeAllTokens();
		const second = await n8n.execute(flows.after401.id);
		expect(second.ok).toBe(true);
		expect(nodeItems(second.run, HTTP_NODE)).toEqual([expect.objectContaining({ ok: true })]);
		expect(lab.counts.oauthPasswordCalls).toBe(1);
		expect(lab.counts.oauthRefreshCalls).toBe(1);
		expect(lab.counts.apiRejected).toBe(1);
		expect(lab.counts.apiAccepted).toBe(2);
	});

	it('sends the client credentials in the body when asked', async () => {
		const result = await n8n.execute(flows.inBody.id);
		expect(result.ok).toBe(true);
		expect(lab.tokenRequests).toHaveLength(1);
		const [request] = lab.tokenRequests;
		expect(request.form).toEqual(
			expect.objectContaining({ grant_type: 'password', client_id: lab.settings.clientId, client_secret: lab.settings.clientSecret }),
		);
		expect(request.headers.authorization).toBeUndefined();
	});

	it('a wrong password makes at most one token call and fails with a message without the secret', async () => {
		lab.set({ echoPasswordOnRefusal: true });
		const wrongPassword = `wrong-${lab.settings.password}`;
		const result = await n8n.execute(flows.wrong.id);
		expect(result.ok).toBe(false);
		expect(lab.counts.oauthPasswordCalls + lab.counts.oauthRefreshCalls).toBeLessThanOrEqual(1);
		expect(lab.counts.oauthRefused).toBe(lab.counts.oauthPasswordCalls);
		expect(lab.counts.apiCalls).toBe(0);
		const message = errorText(result.run);
		expect(message).toMatch(/refused/i);
		for (const secret of [wrongPassword, lab.settings.clientSecret]) {
			expect(message).not.toContain(secret);
			expect(result.stdout + result.stderr).not.toContain(secret);
		}
	});
});

// OAuth2 Password Grant API in real n8n: HTTP Request node, predefined credential type, against
// the token lab's OAuth2 server (@node-oauth/oauth2-server, refresh tokens rotate on every use).
import { startTokenLab } from '../servers/token-lab';
import { waitUntil } from '../support/wait-until';
import { errorText, nodeItems } from './harness/cli';
import { passwordGrantCredential } from './harness/lab-credentials';
import { N8N_START_TIMEOUT_MS, useN8nSpec } from './harness/spec-setup';
import { flow, HTTP_NODE, itemUrl, type WorkflowFixture } from './harness/workflows';

describe('OAuth2 Password Grant API in real n8n', () => {
	const flows: Record<string, WorkflowFixture> = {};

	const { n8n, lab } = useN8nSpec('password-grant', {
		// Its own n8n: the token one process stored, used by the next (n8n.restart).
		ownN8n: true,
		servers: { lab: startTokenLab },
		fixtures: ({ lab }) => {
			const checks: Record<string, { items?: number; fields?: Record<string, unknown> }> = {
				reuse: {},
				hundred: { items: 100 },
				rotation: {},
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
	const refreshRequests = () => lab.tokenRequests.filter((r) => r.form.grant_type === 'refresh_token');

	beforeEach(() => {
		lab.set({ lifetimeSeconds: 3600, expiredStatus: 401, tokenDelayMs: 0, echoPasswordOnRefusal: false, refuseRefresh: false });
		lab.resetCounts();
	});

	it('reuses one token across executions (one password grant for three executions)', async () => {
		for (let run = 0; run < 3; run++) {
			// The third run is in the next n8n process: the token it finds is the one stored in n8n's database.
			if (run === 2) await n8n.restart();
			const result = await n8n.execute(flows.reuse.id);
			expect(result.ok).toBe(true);
			expect(nodeItems(result.run, HTTP_NODE)).toEqual([expect.objectContaining({ ok: true, item: '0' })]);
		}
		expect(lab.counts.oauthPasswordCalls).toBe(1);
		expect(lab.counts.oauthRefreshCalls).toBe(0);
		expect(lab.counts.apiAccepted).toBe(3);
		expect(new Set(lab.apiAuthorizations).size).toBe(1);
	}, N8N_START_TIMEOUT_MS);

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

	it('renews with the refresh token and keeps the rotated one', async () => {
		lab.set({ lifetimeSeconds: 6, expiredStatus: 403 });
		const issuedBefore = lab.issuedRefreshTokens.length;
		for (let run = 0; run < 3; run++) {
			if (run > 0) {
				const stored = lab.apiAuthorizations[lab.apiAuthorizations.length - 1];
				const expired = waitUntil('the stored access token to expire', () => lab.hasExpired(stored), 30_000);
				// The second refresh is in the next n8n process: the rotated refresh token it sends is the one
				// stored in n8n's database.
				await Promise.all([run === 2 ? n8n.restart() : undefined, expired]);
			}
			const result = await n8n.execute(flows.rotation.id);
			expect(result.ok).toBe(true);
		}
		expect(lab.counts.oauthPasswordCalls).toBe(1);
		expect(lab.counts.oauthRefreshCalls).toBe(2);
		expect(lab.counts.oauthRefused).toBe(0);
		expect(lab.counts.apiExpiredSeen).toBe(0);
		expect(lab.counts.apiAccepted).toBe(3);
		const issued = lab.issuedRefreshTokens.slice(issuedBefore);
		expect(issued).toHaveLength(3);
		// Each refresh used the newest refresh token, not the first one (which the server revoked).
		expect(refreshRequests().map((r) => r.form.refresh_token)).toEqual([issued[0], issued[1]]);
	}, N8N_START_TIMEOUT_MS);

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

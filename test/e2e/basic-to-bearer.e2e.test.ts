// Basic to Bearer API in real n8n: HTTP Request node, predefined credential type, against the
// token lab. Every count asserted is what the lab's servers saw. The token one execution stored,
// used by the next and by the next n8n process: next-process.e2e.test.ts.
import { startTokenLab } from '../servers/token-lab';
import { errorText, nodeItems } from './harness/cli';
import { basicToBearerCredential } from './harness/lab-credentials';
import { useN8nSpec } from './harness/spec-setup';
import { flow, HTTP_NODE, itemUrl, type WorkflowFixture } from './harness/workflows';

describe('Basic to Bearer API in real n8n', () => {
	const flows: Record<string, WorkflowFixture> = {};

	const { n8n, lab } = useN8nSpec('basic-to-bearer', {
		servers: { lab: startTokenLab },
		fixtures: ({ lab }) => {
			const checks: Record<string, { items?: number; options?: Record<string, unknown>; fields?: Record<string, unknown> }> = {
				hundred: { items: 100 },
				// One item every 5 s, so that a 20 s token reaches its renewal margin (at 16 s) inside the run.
				early: { items: 6, options: { batching: { batch: { batchSize: 1, batchInterval: 5000 } } } },
				after401: {},
				wrong: { items: 5, fields: { password: `wrong-${lab.settings.password}` } },
				raw: { fields: { omitBearerPrefix: true } },
			};
			// One n8n process holds one token per settings: each credential has a token URL of its own
			// (the lab reads only the path), so each check starts with a cold credential.
			const credentials = Object.entries(checks).map(([key, { items, options, fields }]) => {
				const credential = basicToBearerCredential(lab, { accessTokenUrl: `${lab.basicTokenUrl}?credential=${key}`, ...fields });
				flows[key] = flow(credential, itemUrl(lab.apiUrl), items, options);
				return credential;
			});
			return { credentials, workflows: Object.values(flows) };
		},
	});

	beforeEach(() => {
		lab.set({ lifetimeSeconds: 3600, expiredStatus: 401, tokenDelayMs: 0, echoPasswordOnRefusal: false });
		lab.resetCounts();
	});

	it('makes one token call for a 100-item run with a cold credential', async () => {
		lab.set({ tokenDelayMs: 300 }); // every item's request starts while the login is on its way
		const result = await n8n.execute(flows.hundred.id);
		expect(result.ok).toBe(true);
		const items = nodeItems(result.run, HTTP_NODE);
		expect(items).toHaveLength(100);
		expect(new Set(items.map((item) => item.item)).size).toBe(100);
		expect(lab.counts.basicTokenCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(100);
		expect(lab.counts.apiRejected).toBe(0);
	});

	it('renews before expiry against an API that answers expired tokens with 403', async () => {
		// 20 s tokens, renewal margin 4 s: a request slowed by load has 4 s to reach the API before
		// its token expires. Items 5 s apart cross the margin (at 16 s) inside the 25 s run.
		lab.set({ lifetimeSeconds: 20, expiredStatus: 403 });
		const result = await n8n.execute(flows.early.id);
		expect(result.ok).toBe(true);
		expect(nodeItems(result.run, HTTP_NODE)).toHaveLength(6);
		expect(lab.counts.apiExpiredSeen).toBe(0);
		expect(lab.counts.apiRejected).toBe(0);
		expect(lab.counts.apiAccepted).toBe(6);
		// Renewed inside the run, but not per item; a loaded machine stretches the run and may add
		// one renewal, hence a range.
		expect(lab.counts.basicTokenCalls).toBeGreaterThanOrEqual(2);
		expect(lab.counts.basicTokenCalls).toBeLessThanOrEqual(3);
		expect(new Set(lab.apiAuthorizations).size).toBe(lab.counts.basicTokenCalls);
	});

	it('renews after the API answers 401 and the request succeeds', async () => {
		const first = await n8n.execute(flows.after401.id);
		expect(first.ok).toBe(true);
		lab.revokeAllTokens();
		const second = await n8n.execute(flows.after401.id);
		expect(second.ok).toBe(true);
		expect(nodeItems(second.run, HTTP_NODE)).toEqual([expect.objectContaining({ ok: true })]);
		expect(lab.counts.basicTokenCalls).toBe(2);
		expect(lab.counts.apiRejected).toBe(1);
		expect(lab.counts.apiAccepted).toBe(2);
		expect(lab.apiAuthorizations[1]).toBe(lab.apiAuthorizations[0]);
		expect(lab.apiAuthorizations[2]).not.toBe(lab.apiAuthorizations[1]);
	});

	it('sends the raw token without "Bearer " when Use Raw Token is on', async () => {
		const result = await n8n.execute(flows.raw.id);
		expect(result.ok).toBe(true);
		expect(nodeItems(result.run, HTTP_NODE)).toEqual([expect.objectContaining({ ok: true, rawToken: true })]);
		expect(lab.apiAuthorizations[0]).toMatch(/^lab-/);
	});

	it('a wrong password makes at most one token call and fails with a message without the secret', async () => {
		lab.set({ echoPasswordOnRefusal: true }); // the endpoint even writes the password into its answer
		const wrongPassword = `wrong-${lab.settings.password}`;
		const result = await n8n.execute(flows.wrong.id);
		expect(result.ok).toBe(false);
		expect(lab.counts.basicTokenCalls).toBeLessThanOrEqual(1);
		expect(lab.counts.basicRefused).toBe(lab.counts.basicTokenCalls);
		expect(lab.counts.apiCalls).toBe(0);
		const message = errorText(result.run);
		expect(message).toMatch(/refused/i);
		const basic = Buffer.from(`${lab.settings.username}:${wrongPassword}`).toString('base64');
		for (const secret of [wrongPassword, basic]) {
			expect(message).not.toContain(secret);
			expect(result.stdout + result.stderr).not.toContain(secret);
		}
	});
});

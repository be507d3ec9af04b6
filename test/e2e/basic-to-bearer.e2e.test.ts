// Basic to Bearer API in real n8n: HTTP Request node, predefined credential type, against the
// token lab. Every count asserted is what the lab's servers saw.
import { startTokenLab } from '../servers/token-lab';
import { waitUntil } from '../support/wait-until';
import { errorText, nodeItems } from './harness/cli';
import { basicToBearerCredential } from './harness/lab-credentials';
import { useN8nSpec } from './harness/spec-setup';
import { HTTP_NODE, httpWorkflow, WorkflowFixture } from './harness/workflows';


describe('Basic to Bearer API in real n8n', () => {
	const flows: Record<string, WorkflowFixture> = {};

	const { n8n, lab } = useN8nSpec('basic-to-bearer', {
		// A new n8n process per run, as each check here was written for (a cold credential per run).
		separateProcesses: true,
		servers: { lab: startTokenLab },
		fixtures: ({ lab }) => {
			const wrongPassword = `wrong-${lab.settings.password}`;
			const creds = {
				reuse: basicToBearerCredential(lab),
				hundred: basicToBearerCredential(lab),
				early: basicToBearerCredential(lab),
				expiredStored: basicToBearerCredential(lab),
				after401: basicToBearerCredential(lab),
				wrong: basicToBearerCredential(lab, { password: wrongPassword }),
				raw: basicToBearerCredential(lab, { omitBearerPrefix: true }),
			};
			const flow = (key: keyof typeof creds, items = 1, options: Record<string, unknown> = {}) =>
				(flows[key] = httpWorkflow({
					url: `=${lab.apiUrl}?item={{ $json.i }}`,
					credentialType: 'basicToBearerApi',
					credentialId: creds[key].id,
					credentialName: creds[key].name,
					items,
					options,
				}));
			flow('reuse');
			flow('hundred', 100);
			// One item every 5 s, so that a 20 s token reaches its renewal margin (at 16 s) inside the run.
			flow('early', 6, { batching: { batch: { batchSize: 1, batchInterval: 5000 } } });
			flow('expiredStored');
			flow('after401');
			flow('wrong', 5);
			flow('raw');
			return { credentials: Object.values(creds), workflows: Object.values(flows) };
		},
	});

	beforeEach(() => {
		lab.set({ lifetimeSeconds: 3600, expiredStatus: 401, tokenDelayMs: 0, echoPasswordOnRefusal: false });
		lab.resetCounts();
	});

	it('reuses one token across executions (one token call for three executions)', async () => {
		for (let run = 0; run < 3; run++) {
			const result = await n8n.cli.execute(flows.reuse.id);
			expect(result.ok).toBe(true);
			expect(nodeItems(result.run, HTTP_NODE)).toEqual([expect.objectContaining({ ok: true, item: '0' })]);
		}
		expect(lab.counts.basicTokenCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(3);
		expect(lab.counts.apiRejected).toBe(0);
		expect(new Set(lab.apiAuthorizations).size).toBe(1);
		expect(lab.apiAuthorizations[0]).toMatch(/^Bearer lab-/);
	});

	it('makes one token call for a 100-item run with a cold credential', async () => {
		lab.set({ tokenDelayMs: 300 }); // every item's request starts while the login is on its way
		const result = await n8n.cli.execute(flows.hundred.id);
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
		const result = await n8n.cli.execute(flows.early.id);
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

	it('renews an expired stored token before the next execution sends it', async () => {
		lab.set({ lifetimeSeconds: 6, expiredStatus: 403 });
		const first = await n8n.cli.execute(flows.expiredStored.id);
		expect(first.ok).toBe(true);
		const stored = lab.apiAuthorizations[lab.apiAuthorizations.length - 1];
		await waitUntil('the stored token to expire', () => lab.hasExpired(stored), 30_000);
		const second = await n8n.cli.execute(flows.expiredStored.id);
		expect(second.ok).toBe(true);
		expect(lab.counts.apiExpiredSeen).toBe(0);
		expect(lab.counts.basicTokenCalls).toBe(2);
		expect(lab.counts.apiAccepted).toBe(2);
	});

	it('renews after the API answers 401 and the request succeeds', async () => {
		const first = await n8n.cli.execute(flows.after401.id);
		expect(first.ok).toBe(true);
		lab.revokeAllTokens();
		const second = await n8n.cli.execute(flows.after401.id);
		expect(second.ok).toBe(true);
		expect(nodeItems(second.run, HTTP_NODE)).toEqual([expect.objectContaining({ ok: true })]);
		expect(lab.counts.basicTokenCalls).toBe(2);
		expect(lab.counts.apiRejected).toBe(1);
		expect(lab.counts.apiAccepted).toBe(2);
		expect(lab.apiAuthorizations[1]).toBe(lab.apiAuthorizations[0]);
		expect(lab.apiAuthorizations[2]).not.toBe(lab.apiAuthorizations[1]);
	});

	it('sends the raw token without "Bearer " when Use Raw Token is on', async () => {
		const result = await n8n.cli.execute(flows.raw.id);
		expect(result.ok).toBe(true);
		expect(nodeItems(result.run, HTTP_NODE)).toEqual([expect.objectContaining({ ok: true, rawToken: true })]);
		expect(lab.apiAuthorizations[0]).toMatch(/^lab-/);
	});

	it('a wrong password makes at most one token call and fails with a message without the secret', async () => {
		lab.set({ echoPasswordOnRefusal: true }); // the endpoint even writes the password into its answer
		const wrongPassword = `wrong-${lab.settings.password}`;
		const result = await n8n.cli.execute(flows.wrong.id);
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

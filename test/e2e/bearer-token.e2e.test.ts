// Bearer Token API in real n8n: a static token, checked before any request is sent.
import { startTokenLab } from '../servers/token-lab';
import { errorText, nodeItems } from './harness/cli';
import { bearerTokenCredential, labIssuedToken } from './harness/lab-credentials';
import { useN8nSpec } from './harness/spec-setup';
import { HTTP_NODE, flow, itemUrl, WorkflowFixture } from './harness/workflows';

describe('Bearer Token API in real n8n', () => {
	let token = '';
	const flows: Record<string, WorkflowFixture> = {};

	const { n8n, lab } = useN8nSpec('bearer-token', {
		servers: { lab: startTokenLab },
		fixtures: async ({ lab }) => {
			token = await labIssuedToken(lab);
			const creds = {
				good: bearerTokenCredential(token),
				pastedWithNewline: bearerTokenCredential(`  ${token}\n`),
				newlineInside: bearerTokenCredential(`${token.slice(0, 10)}\n${token.slice(10)}`),
				withPrefix: bearerTokenCredential(`Bearer ${token}`),
			};
			for (const [key, cred] of Object.entries(creds)) flows[key] = flow(cred, itemUrl(lab.apiUrl), 3);
			return { credentials: Object.values(creds), workflows: Object.values(flows) };
		},
	});

	beforeEach(() => lab.resetCounts());

	it('sends "Authorization: Bearer <token>" on every item', async () => {
		const result = await n8n.execute(flows.good.id);
		expect(result.ok).toBe(true);
		expect(nodeItems(result.run, HTTP_NODE)).toHaveLength(3);
		expect(lab.counts.apiAccepted).toBe(3);
		expect(lab.apiAuthorizations).toEqual([`Bearer ${token}`, `Bearer ${token}`, `Bearer ${token}`]);
		expect(lab.counts.basicTokenCalls + lab.counts.oauthPasswordCalls).toBe(0);
	});

	it('trims spaces and a trailing newline around a pasted token', async () => {
		const result = await n8n.execute(flows.pastedWithNewline.id);
		expect(result.ok).toBe(true);
		expect(lab.counts.apiAccepted).toBe(3);
		expect(lab.apiAuthorizations[0]).toBe(`Bearer ${token}`);
	});

	it('fails before any API call when the token has a newline inside', async () => {
		const result = await n8n.execute(flows.newlineInside.id);
		expect(result.ok).toBe(false);
		expect(lab.counts.apiCalls).toBe(0);
		expect(errorText(result.run)).toMatch(/line break/i);
	});

	it('fails before any API call when "Bearer " was pasted with the token', async () => {
		const result = await n8n.execute(flows.withPrefix.id);
		expect(result.ok).toBe(false);
		expect(lab.counts.apiCalls).toBe(0);
		expect(errorText(result.run)).toMatch(/Bearer/);
		expect(errorText(result.run)).not.toContain(token);
	});
});

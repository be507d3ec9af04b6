// Harness check with n8n's built-in Header Auth: proves the suite really drives n8n, and gives
// the reference the package's types are compared with.
import { nodeItems } from './harness/cli';
import { useN8nSpec } from './harness/spec-setup';
import { startStaticApi } from './harness/static-api';
import { HTTP_NODE, httpWorkflow, newId } from './harness/workflows';

describe('built-in Header Auth in real n8n (harness check)', () => {
	const good = newId();
	const bad = newId();
	const wfGood = { id: '', items: 3 };
	const wfBad = { id: '' };

	const { n8n, api } = useN8nSpec('header-auth', {
		servers: { api: async () => await startStaticApi('static-token-1') },
		fixtures: ({ api }) => {
			const okFlow = httpWorkflow({ url: `${api.url}/items`, credentialType: 'httpHeaderAuth', credentialId: good, items: wfGood.items });
			const badFlow = httpWorkflow({ url: `${api.url}/items`, credentialType: 'httpHeaderAuth', credentialId: bad });
			wfGood.id = okFlow.id;
			wfBad.id = badFlow.id;
			return {
				credentials: [
					{ id: good, name: 'header good', type: 'httpHeaderAuth', data: { name: 'Authorization', value: 'Bearer static-token-1' } },
					{ id: bad, name: 'header bad', type: 'httpHeaderAuth', data: { name: 'Authorization', value: 'Bearer nope' } },
				],
				workflows: [okFlow, badFlow],
			};
		},
	});

	beforeEach(() => api.reset());

	it('sends the header on every item and returns the API answers', async () => {
		const result = await n8n.execute(wfGood.id);
		expect(result.ok).toBe(true);
		const items = nodeItems(result.run, HTTP_NODE);
		expect(items).toHaveLength(3);
		expect(items.every((item) => item.ok === true)).toBe(true);
		expect(api.counts).toEqual({ requests: 3, authorized: 3, rejected: 0 });
	});

	it('fails the execution when the API rejects the header', async () => {
		const result = await n8n.execute(wfBad.id);
		expect(result.ok).toBe(false);
		expect(api.counts.rejected).toBeGreaterThanOrEqual(1);
		expect(api.counts.authorized).toBe(0);
	});
});

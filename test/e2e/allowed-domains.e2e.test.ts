// n8n 2.x "Allowed HTTP Request Domains" on a credential of the package: the HTTP Request node
// checks the API call, n8n's restricted helper checks the token call made by the hook.
// Token URL and API are the same lab reached by two host names (localhost and 127.0.0.1), so
// each call can be allowed or blocked on its own. First, what a new credential gets when a user
// saves it in the editor without touching the field (through the REST calls the editor makes).
// All on the spec's one `n8n start`: each credential's token URL is its own (a parameter the lab
// ignores), so none finds the token another one left held in that process.
import { startTokenLab } from '../servers/token-lab';
import { errorText, nodeItems } from './harness/cli';
import { basicToBearerCredential } from './harness/lab-credentials';
import { describeOnLine2, useN8nSpec } from './harness/spec-setup';
import { HTTP_NODE, httpWorkflow, newId } from './harness/workflows';

const PACKAGE_TYPES = ['basicToBearerApi', 'passwordGrantOAuth2Api', 'tokenLoginApi', 'bearerTokenApi', 'clientCredentialsOAuth2Api', 'jwtBearerOAuth2Api'];
// describeOnLine2: n8n 1.123 has no per-credential domain restriction for credential hooks.

describeOnLine2('Allowed HTTP Request Domains in real n8n', () => {
	const { n8n, lab, editor } = useN8nSpec('allowed-domains', { servers: { lab: startTokenLab }, editor: true });
	beforeEach(() => lab.resetCounts());

	it('a new credential saved in the editor without touching the field gets "All": the HTTP Request node may call any host with it', async () => {
		// The editor's form starts from the defaults n8n serves with each type.
		for (const type of PACKAGE_TYPES) {
			const properties = await editor.credentialTypeProperties(type);
			expect({ type, field: properties.find((p) => p.name === 'allowedHttpRequestDomains') }).toEqual({
				type,
				field: expect.objectContaining({ default: 'all' }),
			});
		}
		// The editor saves only what differs from a default: the user's own fields.
		const fixture = basicToBearerCredential(lab);
		expect(Object.keys(fixture.data)).not.toContain('allowedHttpRequestDomains');
		const id = await editor.createCredential('new in the editor', fixture.type, fixture.data);
		const saved = await editor.credentialData(id);
		expect(saved).toEqual(expect.objectContaining({ username: fixture.data.username, accessTokenUrl: fixture.data.accessTokenUrl }));
		expect(['all', undefined]).toContain(saved.allowedHttpRequestDomains);
		// A workflow run with that credential.
		const workflow = httpWorkflow({ url: lab.apiUrl, credentialType: fixture.type, credentialId: id, credentialName: 'new in the editor' });
		const result = await n8n.execute(await n8n.load(workflow));
		expect(nodeItems(result.run, HTTP_NODE)).toEqual([expect.objectContaining({ ok: true })]);
		expect(lab.counts.basicTokenCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(1);
	});

	async function run(allowedDomains: string) {
		const credential = basicToBearerCredential(lab, {
			accessTokenUrl: `${lab.basicTokenUrl.replace('127.0.0.1', 'localhost')}?credential=${newId()}`,
			allowedHttpRequestDomains: 'domains',
			allowedDomains,
		});
		const workflow = httpWorkflow({ url: lab.apiUrl, credentialType: 'basicToBearerApi', credentialId: credential.id, credentialName: credential.name });
		return await n8n.execute(await n8n.load(workflow, [credential]));
	}

	it('lets both calls through when both hosts are allowed', async () => {
		const result = await run('127.0.0.1, localhost');
		expect(nodeItems(result.run, HTTP_NODE)).toEqual([expect.objectContaining({ ok: true })]);
		expect(lab.counts.basicTokenCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(1);
	});

	it('blocks the token call when only the API host is allowed, and says so', async () => {
		const result = await run('127.0.0.1');
		expect(result.ok).toBe(false);
		expect(errorText(result.run)).toMatch(/The token call was blocked: Domain not allowed.*localhost/);
		expect(lab.counts.basicTokenCalls).toBe(0);
		expect(lab.counts.apiCalls).toBe(0);
	});

	it('blocks the API call when only the token host is allowed', async () => {
		const result = await run('localhost');
		expect(result.ok).toBe(false);
		expect(errorText(result.run)).toMatch(/Domain not allowed/);
		expect(lab.counts.apiCalls).toBe(0);
	});
});

// n8n 2.x End-user ("dynamic", per-user) credentials, as far as an unlicensed n8n lets anyone go
// (docs/administrators.md). The mode lives in n8n's dynamic-credentials module, which n8n skips
// without an Enterprise licence, and n8n refuses to save an End-user credential in a personal
// project. When one of these fails, n8n lets the mode run here, and the test that two users get
// two tokens (or that the package refuses the mode) can be written.
import { startTokenLab } from '../servers/token-lab';
import { basicToBearerCredential } from './harness/lab-credentials';
import { describeOnLine2, useN8nSpec } from './harness/spec-setup';

// describeOnLine2: n8n 1.123 has no End-user credentials.

describeOnLine2('End-user credentials in real, unlicensed n8n', () => {
	const { lab, editor } = useN8nSpec('end-user-credentials', { servers: { lab: startTokenLab }, editor: true });

	it('the dynamic-credentials module is not active: it needs a licence', async () => {
		const settings = await editor.request<{ activeModules?: unknown }>('GET', '/rest/settings');
		expect(settings.status).toBe(200);
		// The list is n8n's real one: the unlicensed module that loads community packages is in it.
		expect(settings.data.activeModules).toContain('community-packages');
		expect(settings.data.activeModules).not.toContain('dynamic-credentials');
	});

	it('saving a credential of the package as an End-user credential is refused, and nothing is saved', async () => {
		const fixture = basicToBearerCredential(lab);
		const saved = await editor.request<{ message?: string }>('POST', '/rest/credentials', {
			name: 'end-user attempt',
			type: fixture.type,
			data: fixture.data,
			isResolvable: true,
		});
		expect(saved.status).toBe(403);
		expect(JSON.stringify(saved.data)).toContain('End-user credentials are not available in personal projects');
		const listed = await editor.request<Array<{ name: string }>>('GET', '/rest/credentials');
		expect(listed.status).toBe(200);
		expect(listed.data.map((credential) => credential.name)).not.toContain('end-user attempt');
		expect(lab.counts.basicTokenCalls).toBe(0);
	});
});

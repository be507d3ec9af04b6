/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// The Token Login API's credential test as the editor runs it (POST /rest/credentials/test on a
// running `n8n start`): it logs in at the Login URL, with the login's own body and settings.
import { startLoginLab } from '../servers/login-lab';
import { selfSignedCertificate } from '../servers/tls-material';
import { CredentialFixture } from './harness/cli';
import { tokenLoginCredential } from './harness/lab-credentials';
import { useN8nSpec } from './harness/spec-setup';

describe('Token Login API: credential test from the editor', () => {
	const { editor: server, lab, tlsLab } = useN8nSpec('token-login-credential-test', {
		servers: {
			lab: async () => await startLoginLab({ usernamePath: 'auth.email', passwordPath: 'auth.password' }),
			tlsLab: async () => await startLoginLab({}, { tls: selfSignedCertificate() }),
		},
		editor: true,
	});

	beforeEach(() => {
		lab.resetCounts();
		tlsLab.resetCounts();
	});

	async function saveAndTest(credential: CredentialFixture) {
		const id = await server.createCredential(credential.name, credential.type, credential.data);
		return await server.testCredential(id, credential.name, credential.type, credential.data);
	}

	it('is listed by n8n', async () => {
		expect(await server.credentialTypes()).toContain('tokenLoginApi');
	});

	it('succeeds with a real login at the Login URL (JSON body with nested fields)', async () => {
		const result = await saveAndTest(tokenLoginCredential(lab, { usernameField: 'auth.email', passField: 'auth.password' }));
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
		expect(lab.counts.loginCalls).toBeGreaterThanOrEqual(1);
		expect(lab.counts.loginRefused).toBe(0);
		expect(JSON.parse(lab.logins[0].body)).toEqual({ auth: { email: lab.settings.username, password: lab.settings.password } });
	});

	it('fails on a wrong password, without the password in the message', async () => {
		const wrong = `wrong-${lab.settings.password}`;
		const result = await saveAndTest(tokenLoginCredential(lab, { usernameField: 'auth.email', passField: 'auth.password', password: wrong }));
		expect(result.status).toBe('Error');
		expect(lab.counts.loginRefused).toBeGreaterThanOrEqual(1);
		expect(result.message).toMatch(/refused/i);
		expect(result.message).not.toContain(wrong);
	});

	it('against a self-signed server: fails naming the certificate with Ignore SSL Issues off, succeeds with it on', async () => {
		const off = await saveAndTest(tokenLoginCredential(tlsLab));
		expect(off.status).toBe('Error');
		expect(tlsLab.counts.loginCalls).toBe(0);
		const on = await saveAndTest(tokenLoginCredential(tlsLab, { allowUnauthorizedCerts: true }));
		expect(on).toEqual(expect.objectContaining({ status: 'OK' }));
		expect(tlsLab.counts.loginCalls).toBeGreaterThanOrEqual(1);
		if (process.env.E2E_DEBUG) console.log(off.message);
		expect(off.message).toMatch(/self-signed/i);
	});
});

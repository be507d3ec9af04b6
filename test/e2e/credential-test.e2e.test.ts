/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// The credential test as the editor runs it: owner setup, login, save the credential
// (POST /rest/credentials), then POST /rest/credentials/test, on a running `n8n start`.
import { startTokenLab } from '../servers/token-lab';
import { CredentialFixture } from './harness/cli';
import { basicToBearerCredential, bearerTokenCredential, labIssuedToken, passwordGrantCredential } from './harness/lab-credentials';
import { useN8nSpec } from './harness/spec-setup';

describe('credential test from the editor (POST /rest/credentials/test)', () => {
	let wrongPassword = '';

	const { editor: server, lab } = useN8nSpec('credential-test', {
		servers: { lab: startTokenLab },
		fixtures: ({ lab }) => {
			wrongPassword = `wrong-${lab.settings.password}`;
			return {};
		},
		editor: true,
	});

	beforeEach(() => lab.resetCounts());

	async function saveAndTest(credential: CredentialFixture) {
		const id = await server.createCredential(credential.name, credential.type, credential.data);
		const result = await server.testCredential(id, credential.name, credential.type, credential.data);
		if (process.env.E2E_DEBUG) console.log(credential.type, JSON.stringify(result), JSON.stringify(lab.counts));
		return result;
	}

	it('lists the three credential types of the package', async () => {
		const types = await server.credentialTypes();
		expect(types).toEqual(expect.arrayContaining(['basicToBearerApi', 'passwordGrantOAuth2Api', 'bearerTokenApi']));
	});

	it('Basic to Bearer: succeeds with a real login', async () => {
		const result = await saveAndTest(basicToBearerCredential(lab));
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
		// The hook logs in before the test request, which the engine turns into a login too.
		expect(lab.counts.basicTokenCalls).toBeGreaterThanOrEqual(1);
		expect(lab.counts.basicTokenCalls).toBeLessThanOrEqual(2);
		expect(lab.counts.basicRefused).toBe(0);
	});

	it('Basic to Bearer: fails on a wrong password, without the password in the message', async () => {
		lab.set({ echoPasswordOnRefusal: true });
		const result = await saveAndTest(basicToBearerCredential(lab, { password: wrongPassword }));
		lab.set({ echoPasswordOnRefusal: false });
		expect(result.status).toBe('Error');
		expect(lab.counts.basicTokenCalls).toBe(1);
		expect(lab.counts.basicRefused).toBe(1);
		expect(result.message).toMatch(/refused/i);
		expect(result.message).not.toContain(wrongPassword);
	});

	it('OAuth2 Password Grant: succeeds with a real password grant', async () => {
		const result = await saveAndTest(passwordGrantCredential(lab));
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
		expect(lab.counts.oauthPasswordCalls).toBeGreaterThanOrEqual(1);
		expect(lab.counts.oauthPasswordCalls).toBeLessThanOrEqual(2);
		expect(lab.counts.oauthRefused).toBe(0);
	});

	it('OAuth2 Password Grant: fails on a wrong password, without the password in the message', async () => {
		lab.set({ echoPasswordOnRefusal: true });
		const result = await saveAndTest(passwordGrantCredential(lab, { password: wrongPassword }));
		lab.set({ echoPasswordOnRefusal: false });
		expect(result.status).toBe('Error');
		expect(lab.counts.oauthPasswordCalls).toBe(1);
		expect(lab.counts.oauthRefused).toBe(1);
		expect(result.message).toMatch(/refused/i);
		expect(result.message).not.toContain(wrongPassword);
	});

	it('OAuth2 Password Grant: fails on a wrong client secret', async () => {
		const result = await saveAndTest(passwordGrantCredential(lab, { clientSecret: 'not-the-secret' }));
		expect(result.status).toBe('Error');
		expect(lab.counts.oauthPasswordCalls).toBe(1);
		expect(lab.counts.oauthRefused).toBe(1);
		expect(result.message).not.toContain('not-the-secret');
	});

	it('Bearer Token: succeeds when the Test URL accepts the token', async () => {
		const token = await labIssuedToken(lab);
		lab.resetCounts();
		const result = await saveAndTest(bearerTokenCredential(token, lab.apiUrl));
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
		expect(lab.counts.apiAccepted).toBe(1);
		expect(lab.apiAuthorizations).toEqual([`Bearer ${token}`]);
	});

	it('Bearer Token: fails when the Test URL rejects the token', async () => {
		const result = await saveAndTest(bearerTokenCredential('lab-not-issued-token', lab.apiUrl));
		expect(result.status).toBe('Error');
		// n8n itself retries a credential test request once after a rejection.
		expect(lab.counts.apiRejected).toBeGreaterThanOrEqual(1);
		expect(lab.counts.apiRejected).toBeLessThanOrEqual(2);
		expect(lab.counts.apiAccepted).toBe(0);
	});

	it('Bearer Token: fails without any call when the token has a newline inside', async () => {
		const result = await saveAndTest(bearerTokenCredential('lab-abc\ndef', lab.apiUrl));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/line break/i);
		expect(lab.counts.apiCalls).toBe(0);
	});
});

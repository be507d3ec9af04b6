/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// The editor's Test button for the machine-to-machine types, as the editor runs it: owner setup,
// login, save the credential (POST /rest/credentials), then POST /rest/credentials/test, on a
// running `n8n start` (the run's shared one), against oidc-provider and the JWT Bearer lab.
import { startJwtBearerLab } from '../servers/jwt-bearer-lab';
import { startOidcLab } from '../servers/oidc-lab';
import { CredentialFixture } from './harness/cli';
import { clientCredentialsCredential, jwtBearerCredential, keyChunks } from './harness/machine-credentials';
import { useN8nSpec } from './harness/spec-setup';

/** An RSA key whose base64 body was cut short: PEM armour, but nothing a parser can read. */
const truncated = (pem: string) => {
	const lines = pem.trim().split('\n');
	return [...lines.slice(0, 6), lines[lines.length - 1]].join('\n');
};

describe('credential test from the editor: OAuth2 Client Credentials API and OAuth2 JWT Bearer API', () => {
	const { editor: server, oidc, bearer } = useN8nSpec('machine-credential-test', {
		servers: { oidc: () => startOidcLab(), bearer: () => startJwtBearerLab() },
		editor: true,
	});

	beforeEach(() => {
		oidc.resetCounts();
		bearer.resetCounts();
	});

	async function saveAndTest(credential: CredentialFixture) {
		const id = await server.createCredential(credential.name, credential.type, credential.data);
		const result = await server.testCredential(id, credential.name, credential.type, credential.data);
		if (process.env.E2E_DEBUG) console.log(credential.type, JSON.stringify(result));
		return result;
	}

	/** No piece of the key, nor the key as typed, is in the message. */
	function expectNoKeyMaterial(message: string | undefined, pem: string): void {
		for (const chunk of keyChunks(pem)) expect(message ?? '').not.toContain(chunk);
	}

	it('lists both new credential types', async () => {
		expect(await server.credentialTypes()).toEqual(expect.arrayContaining(['clientCredentialsOAuth2Api', 'jwtBearerOAuth2Api']));
	});

	it('Client Credentials (Private Key JWT): succeeds with a real token from oidc-provider', async () => {
		const result = await saveAndTest(clientCredentialsCredential(oidc, 'rsa'));
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
		expect(oidc.counts.tokensIssued).toBeGreaterThanOrEqual(1);
		expect(oidc.counts.tokenRefused).toBe(0);
		expect(oidc.tokenCalls[0].authMethod).toBe('private_key_jwt');
	});

	it('Client Credentials: a key the provider does not know for the client fails, the message says refused and shows no key', async () => {
		const wrongKey = oidc.clients.ec384.privateKeyPem;
		const result = await saveAndTest(clientCredentialsCredential(oidc, 'rsa', { privateKey: wrongKey, signingAlgorithm: 'ES384' }));
		expect(result.status).toBe('Error');
		expect(oidc.counts.tokenCalls).toBe(1);
		expect(oidc.counts.tokenRefused).toBe(1);
		expect(result.message).toMatch(/refused|invalid_client/i);
		expectNoKeyMaterial(result.message, wrongKey);
	});

	it('Client Credentials: a key that cannot be read fails before any request, naming the Private Key', async () => {
		const broken = truncated(oidc.clients.rsa.privateKeyPem);
		const result = await saveAndTest(clientCredentialsCredential(oidc, 'rsa', { privateKey: broken }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Private Key/);
		expect(oidc.counts.tokenCalls).toBe(0);
		expectNoKeyMaterial(result.message, broken);
	});

	it('Client Credentials: ES256 with an RSA key fails before any request, naming the algorithm and the key', async () => {
		const result = await saveAndTest(clientCredentialsCredential(oidc, 'rsa', { signingAlgorithm: 'ES256' }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/ES256/);
		expect(result.message).toMatch(/RSA/);
		expect(oidc.counts.tokenCalls).toBe(0);
		expectNoKeyMaterial(result.message, oidc.clients.rsa.privateKeyPem);
	});

	it('JWT Bearer: succeeds with a real token from the JWT Bearer lab', async () => {
		const result = await saveAndTest(jwtBearerCredential(bearer));
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
		expect(bearer.counts.tokensIssued).toBeGreaterThanOrEqual(1);
		expect(bearer.counts.tokenRefused).toBe(0);
	});

	it('JWT Bearer: a key the server does not trust fails, the message says refused and shows no key', async () => {
		const wrongKey = bearer.clientKey.privateKeyPem;
		const result = await saveAndTest(jwtBearerCredential(bearer, { privateKey: wrongKey, keyId: '' }));
		expect(result.status).toBe('Error');
		expect(bearer.counts.tokenCalls).toBe(1);
		expect(bearer.counts.tokenRefused).toBe(1);
		expect(result.message).toMatch(/refused|invalid_grant/i);
		expectNoKeyMaterial(result.message, wrongKey);
	});

	it('JWT Bearer: a key that cannot be read fails before any request, naming the Private Key', async () => {
		const broken = truncated(bearer.keys.rsa.privateKeyPem);
		const result = await saveAndTest(jwtBearerCredential(bearer, { privateKey: broken }));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Private Key/);
		expect(bearer.counts.tokenCalls).toBe(0);
		expectNoKeyMaterial(result.message, broken);
	});

	it('JWT Bearer: a Google key file alone (Access Token URL and Issuer empty) logs in at its token_uri, ID token included', async () => {
		const fromFile = { accessTokenUrl: '', issuer: '', subject: '', privateKey: '', keyId: '', privateKeyFile: bearer.googleKeyFile() };
		const result = await saveAndTest(jwtBearerCredential(bearer, { ...fromFile, tokenToUse: 'id_token', targetAudience: bearer.idTokenAudience }));
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
		// As for the other types, n8n's Test may log in twice (its preAuthentication, then the Test's own login).
		expect(bearer.tokenCalls.length).toBeGreaterThanOrEqual(1);
		for (const call of bearer.tokenCalls) expect([call.status, call.header?.kid, call.claims?.target_audience]).toEqual([200, bearer.keys.rsa.kid, bearer.idTokenAudience]);
		expect(bearer.counts.idTokensIssued).toBe(bearer.tokenCalls.length);
	});
});

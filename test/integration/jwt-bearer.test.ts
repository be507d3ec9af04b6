import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { JwtBearerOAuth2Api } from '../../credentials/JwtBearerOAuth2Api.credentials';
import { startJwtBearerLab, type JwtBearerLab } from '../servers/jwt-bearer-lab';
import { StoredCredential, failureOf, n8nRequester } from './support/n8n-request-harness';
import { useControlledDate } from '../support/controlled-date';
import { inNewProcess } from './support/lab-credentials';

/**
 * OAuth2 JWT Bearer grant against the JWT Bearer lab (test/servers/jwt-bearer-lab.ts): the token
 * endpoint is @node-oauth/oauth2-server, the assertion is verified with jose (signature by kid,
 * iss, aud, exp, jti seen before refused).
 */
let lab: JwtBearerLab;
beforeEach(async () => {
	lab = await startJwtBearerLab();
});
afterEach(async () => await lab.close());

const newProcess = () => inNewProcess<JwtBearerOAuth2Api>('JwtBearerOAuth2Api');

function credential(more: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	return {
		accessTokenUrl: lab.tokenUrl,
		issuer: lab.settings.issuer,
		subject: 'alice@example.com',
		privateKey: lab.keys.rsa.privateKeyPem,
		keyId: lab.keys.rsa.kid,
		...more,
	};
}

describe('JWT Bearer grant (RFC 7523 section 2.1) against a server that verifies with jose', () => {
	const time = useControlledDate();

	it.each([
		['RS256', 'rsa'],
		['ES256', 'ec256'],
		['ES384', 'ec384'],
	] as const)('%s: the server accepts the assertion and the API acts as the subject', async (algorithm, key) => {
		const stored = new StoredCredential(
			credential({ signingAlgorithm: algorithm, privateKey: lab.keys[key].privateKeyTraditionalPem, keyId: lab.keys[key].kid, scope: 'api' }),
		);
		await expect(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl })).resolves.toBeDefined();
		const [call] = lab.tokenCalls;
		expect(call).toMatchObject({ status: 200, authMethod: 'none' });
		expect(call.form).toMatchObject({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', scope: 'api' });
		expect(call.header).toEqual({ alg: algorithm, typ: 'JWT', kid: lab.keys[key].kid });
		expect(call.claims).toMatchObject({ iss: lab.settings.issuer, sub: 'alice@example.com', aud: lab.tokenUrl });
		expect(lab.apiSubjects).toEqual(['alice@example.com']);
	});

	it('merges Extra Claims, honours Audience and Assertion Lifetime, and acts as the issuer without a Subject', async () => {
		lab.set({ extraAudiences: ['https://login.example.com'] });
		const stored = new StoredCredential(
			credential({ subject: '', audience: 'https://login.example.com', extraClaims: '{"scope": "drive.readonly"}', assertionLifetime: 60 }),
		);
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		const claims = lab.tokenCalls[0].claims as Record<string, number | string>;
		expect(claims).toMatchObject({ aud: 'https://login.example.com', scope: 'drive.readonly' });
		expect(claims).not.toHaveProperty('sub');
		expect((claims.exp as number) - (claims.iat as number)).toBe(60);
		expect(lab.apiSubjects).toEqual([lab.settings.issuer]);
	});

	it.each([
		['Client Secret in Header', 'header', 'client_secret_basic'],
		['Client Secret in Body', 'body', 'client_secret_post'],
		['Client Secret JWT', 'clientSecretJwt', 'client_secret_jwt'],
	])('authenticates the client too when asked (%s)', async (_name, method, seen) => {
		const stored = new StoredCredential(credential({ clientAuthentication: method, clientId: lab.settings.clientId, clientSecret: lab.settings.clientSecret }));
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		expect(lab.tokenCalls[0]).toMatchObject({ status: 200, authMethod: seen });
	});

	it('50 parallel requests make one token call', async () => {
		lab.set({ tokenDelayMs: 300 });
		const n8n = n8nRequester(newProcess(), new StoredCredential(credential()));
		await Promise.all(Array.from({ length: 50 }, async (_, i) => await n8n.legacyRequest({ uri: `${lab.apiUrl}?item=${i}` }, i)));
		expect(lab.counts.tokenCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(50);
	});

	it('renews before expiry with a new assertion (new jti): the server never refuses a replay', async () => {
		lab.set({ lifetimeSeconds: 2 });
		const stored = new StoredCredential(credential());
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		time.pass(1700);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		expect(lab.counts.tokenCalls).toBe(2);
		expect(lab.counts.replaysRefused).toBe(0);
		expect(lab.counts.tokenRefused).toBe(0);
		expect(lab.counts.apiExpiredSeen).toBe(0);
		expect(lab.tokenCalls[0].claims?.jti).not.toBe(lab.tokenCalls[1].claims?.jti);
	});

	it('a key the server does not trust: the refusal is named, the key never shown', async () => {
		const stored = new StoredCredential(credential({ privateKey: lab.clientKey.privateKeyPem, keyId: '' }));
		const message = await failureOf(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl }));
		expect(message).toMatch(/invalid_grant/);
		expect(message).not.toContain(lab.clientKey.privateKeyPem.split('\n')[2]);
		expect(lab.counts.tokenRefused).toBe(1);
	});

	it('ES384 with a P-256 key: a clear error before any request', async () => {
		const stored = new StoredCredential(credential({ privateKey: lab.keys.ec256.privateKeyPem, signingAlgorithm: 'ES384' }));
		const message = await failureOf(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl }));
		expect(message).toContain('ES384 needs an EC key on curve P-384, but the Private Key is an EC key on P-256');
		expect(lab.counts.tokenCalls).toBe(0);
	});

	it("ID token (Google's answer for Cloud Run, IAP): a Google key file alone signs, the API gets an ID token for the Target Audience, renewed by its exp", async () => {
		lab.set({ issuer: 'run-invoker@lab-project.iam.gserviceaccount.com', lifetimeSeconds: 4 });
		const stored = new StoredCredential({ privateKeyFile: lab.googleKeyFile(), tokenToUse: 'id_token', targetAudience: lab.idTokenAudience });
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		expect(lab.tokenCalls[0]).toMatchObject({ status: 200, authMethod: 'none', header: { alg: 'RS256', typ: 'JWT', kid: lab.keys.rsa.kid } });
		expect(lab.tokenCalls[0].claims).toMatchObject({ iss: 'run-invoker@lab-project.iam.gserviceaccount.com', aud: lab.tokenUrl, target_audience: lab.idTokenAudience });
		expect(lab.tokenCalls[0].claims).not.toHaveProperty('sub');
		expect(lab.apiIdTokenAudiences).toEqual([lab.idTokenAudience]);
		// The answer states no lifetime: only the ID token's exp can make the engine renew in time.
		time.pass(3700);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		expect([lab.counts.idTokensIssued, lab.counts.apiAccepted, lab.counts.apiExpiredSeen]).toEqual([2, 2, 0]);
		expect(lab.apiAuthorizations[0]).not.toBe(lab.apiAuthorizations[1]);
	});

	it('a Zitadel-style key file that is missing its key: SETTINGS_INVALID naming it, nothing sent', async () => {
		const stored = new StoredCredential(credential({ privateKeyFile: JSON.stringify({ type: 'serviceaccount', keyId: '1', userId: '2' }) }));
		const message = await failureOf(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl }));
		expect(message).toContain('Key File is a Zitadel service-account key without key: download the key JSON again');
		expect(lab.counts.tokenCalls).toBe(0);
	});
});

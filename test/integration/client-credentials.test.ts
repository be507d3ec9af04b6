import { createPublicKey } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { ClientCredentialsOAuth2Api } from '../../credentials/ClientCredentialsOAuth2Api.credentials';
import { startOidcLab, type OidcLab } from '../servers/oidc-lab';
import { StoredCredential, failureOf, n8nRequester } from './support/n8n-request-harness';
import { useControlledDate } from '../support/controlled-date';
import { inNewProcess } from './support/lab-credentials';
import { googleServiceAccountKeyFile, zitadelKeyFile } from '../support/key-files';

/**
 * OAuth2 Client Credentials against oidc-provider (test/servers/oidc-lab.ts): the provider checks
 * every client authentication itself, assertions included (signature, iss, sub, aud, exp, jti
 * replay), and its resource server verifies the JWT access tokens.
 */
let lab: OidcLab;
beforeEach(async () => {
	lab = await startOidcLab();
});
afterEach(async () => await lab.close());

const newProcess = () => inNewProcess<ClientCredentialsOAuth2Api>('ClientCredentialsOAuth2Api');

type Client = 'basic' | 'post' | 'secretJwt' | 'rsa' | 'ec256' | 'ec384';
const METHOD = { basic: 'header', post: 'body', secretJwt: 'clientSecretJwt', rsa: 'privateKeyJwt', ec256: 'privateKeyJwt', ec384: 'privateKeyJwt' };

/** A Client Credentials credential as a user would fill it in for one of the lab's clients. */
function credentialFor(client: Client, more: ICredentialDataDecryptedObject = {}): ICredentialDataDecryptedObject {
	const chosen = lab.clients[client];
	const secretOrKey: ICredentialDataDecryptedObject =
		'privateKeyPem' in chosen
			? { privateKey: chosen.privateKeyPem, keyId: chosen.kid, signingAlgorithm: { rsa: 'RS256', ec256: 'ES256', ec384: 'ES384' }[client as 'rsa'] }
			: { clientSecret: chosen.clientSecret };
	return { accessTokenUrl: lab.tokenUrl, clientAuthentication: METHOD[client], clientId: chosen.clientId, ...secretOrKey, ...more };
}

describe('Client Credentials: every client authentication, as oidc-provider checks it', () => {
	it.each([
		['basic', 'client_secret_basic'],
		['post', 'client_secret_post'],
		['secretJwt', 'client_secret_jwt'],
		['rsa', 'private_key_jwt'],
		['ec256', 'private_key_jwt'],
		['ec384', 'private_key_jwt'],
	] as const)('%s: the provider authenticates the client (%s) and the API accepts its token', async (client, method) => {
		const stored = new StoredCredential(credentialFor(client, { scope: 'read' }));
		await expect(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true, client: lab.clients[client].clientId });
		expect(lab.tokenCalls).toHaveLength(1);
		expect(lab.tokenCalls[0]).toMatchObject({ authMethod: method, clientId: lab.clients[client].clientId, status: 200 });
		expect(lab.tokenCalls[0].form).toMatchObject({ grant_type: 'client_credentials', scope: 'read' });
	});

	it('private_key_jwt: PS256, and a PKCS#1 key pasted with its line breaks turned to spaces', async () => {
		const key = lab.clients.rsa.key.privateKeyTraditionalPem.trim().replace(/\n/g, ' ');
		const stored = new StoredCredential(credentialFor('rsa', { privateKey: key, signingAlgorithm: 'PS256' }));
		await expect(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true });
		expect(lab.tokenCalls[0].assertion?.header).toEqual({ alg: 'PS256', typ: 'JWT', kid: 'rsa-key-1' });
		const claims = lab.tokenCalls[0].assertion?.claims as Record<string, number | string>;
		expect(claims).toMatchObject({ iss: 'cc-rsa', sub: 'cc-rsa', aud: lab.tokenUrl });
		expect((claims.exp as number) - (claims.iat as number)).toBeLessThanOrEqual(300);
	});

	it.each([
		['a Zitadel application key (PKCS#1 RSA), Access Token URL typed', () => ({
			accessTokenUrl: lab.tokenUrl,
			privateKeyFile: zitadelKeyFile('application', { privateKeyPem: lab.clients.rsa.key.privateKeyTraditionalPem, keyId: 'rsa-key-1', owner: 'cc-rsa' }),
		})],
		['a Google service-account key, its token_uri the Access Token URL', () => ({
			privateKeyFile: googleServiceAccountKeyFile({ privateKeyPem: lab.clients.rsa.privateKeyPem, keyId: 'rsa-key-1', clientEmail: 'cc-rsa', tokenUri: lab.tokenUrl }),
		})],
	])('private_key_jwt from a Key File alone: %s', async (_name, fields) => {
		const stored = new StoredCredential({ clientAuthentication: 'privateKeyJwt', ...fields() });
		await expect(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true, client: 'cc-rsa' });
		expect(lab.tokenCalls[0]).toMatchObject({ authMethod: 'private_key_jwt', clientId: 'cc-rsa', status: 200 });
		expect(lab.tokenCalls[0].assertion?.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'rsa-key-1' });
	});

	it('a Key File of the wrong kind: SETTINGS_INVALID naming it, nothing sent', async () => {
		const stored = new StoredCredential(credentialFor('rsa', { privateKeyFile: lab.clients.rsa.privateKeyPem }));
		const message = await failureOf(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl }));
		expect(message).toContain('Key File holds a PEM private key; this credential reads a Google service-account key or a Zitadel key JSON');
		expect(message).not.toContain(lab.clients.rsa.privateKeyPem.split('\n')[2]);
		expect(lab.counts.tokenCalls).toBe(0);
	});

	it('sends the audience body parameter (Auth0 style) and gets a token for that API', async () => {
		const stored = new StoredCredential(credentialFor('ec256', { bodyParameters: '{"audience": "https://api.example.com"}' }));
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		expect(lab.tokenCalls[0].form.audience).toBe('https://api.example.com');
		expect(lab.apiAudiences).toEqual(['https://api.example.com']);
	});
});

describe('Client Credentials: one token per lifetime', () => {
	const time = useControlledDate();

	it('50 parallel requests make one token call', async () => {
		lab.set({ tokenDelayMs: 300 });
		const stored = new StoredCredential(credentialFor('rsa'));
		const n8n = n8nRequester(newProcess(), stored);
		const answers = await Promise.all(Array.from({ length: 50 }, async (_, i) => await n8n.legacyRequest({ uri: `${lab.apiUrl}?item=${i}` }, i)));
		expect(answers).toHaveLength(50);
		expect(lab.counts.tokenCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(50);
		expect(stored.writes).toBe(1);
	});

	it('renews before expiry with a new assertion each time, so the provider never sees a replay', async () => {
		lab.set({ lifetimeSeconds: 2 });
		const stored = new StoredCredential(credentialFor('ec384'));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		time.pass(1700);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		// A new process finds the saved token due for renewal: a third assertion.
		time.pass(1700);
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		expect(lab.counts.tokenCalls).toBe(3);
		expect(lab.counts.tokenRefused).toBe(0);
		expect(lab.counts.apiExpiredSeen).toBe(0);
		expect(lab.counts.apiRejected).toBe(0);
		expect(new Set(lab.tokenCalls.map((call) => call.assertion?.claims.jti)).size).toBe(3);
	});

	it('a new process reuses the saved token while it is valid: no token call', async () => {
		const stored = new StoredCredential(credentialFor('secretJwt'));
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		expect(lab.counts.tokenCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(2);
	});

	it('editing the credential (another signing algorithm) gets a new token at once', async () => {
		const stored = new StoredCredential(credentialFor('rsa'));
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		stored.write({ ...stored.read(), signingAlgorithm: 'RS512' });
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		expect(lab.tokenCalls.map((call) => call.assertion?.header.alg)).toEqual(['RS256', 'RS512']);
	});
});

describe('Client Credentials: failures', () => {
	it('a key the provider does not know: the refusal is named, the key never shown', async () => {
		const stored = new StoredCredential(credentialFor('rsa', { clientId: lab.clients.ec256.clientId }));
		const message = await failureOf(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl }));
		expect(message).toMatch(/invalid_client/);
		expect(message).not.toContain(lab.clients.rsa.privateKeyPem.split('\n')[2]);
		expect(lab.tokenCalls[0]).toMatchObject({ status: 401, error: 'invalid_client' });
	});

	it('a refused login is remembered: the next request does not ask again', async () => {
		const stored = new StoredCredential(credentialFor('basic', { clientSecret: 'wrong' }));
		const n8n = n8nRequester(newProcess(), stored);
		expect(await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }))).toMatch(/invalid_client/);
		expect(await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }))).toMatch(/invalid_client/);
		expect(lab.counts.tokenCalls).toBe(1);
	});

	it.each([
		['an algorithm that does not fit the key', { signingAlgorithm: 'ES256', privateKey: 'AS ISSUED' }, /ES256 needs an EC key on curve P-256, but the Private Key is an RSA key \(2048 bits\)/],
		['a public key pasted for the private one', { privateKey: 'PUBLIC' }, /holds a public key or certificate \(PUBLIC KEY\), not the private key/],
		['a key cut off when pasted', { privateKey: 'CUT' }, /the key was cut off when pasted/],
	] as Array<[string, { privateKey: string; signingAlgorithm?: string }, RegExp]>)('%s: a clear error before any request', async (_name, more, expected) => {
		const pem = lab.clients.rsa.privateKeyPem;
		const privateKey =
			more.privateKey === 'PUBLIC'
				? createPublicKey(lab.clients.rsa.key.privateKey).export({ type: 'spki', format: 'pem' }).toString()
				: more.privateKey === 'CUT'
					? pem.slice(0, 300)
					: pem;
		const stored = new StoredCredential(credentialFor('rsa', { ...more, privateKey }));
		const message = await failureOf(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl }));
		expect(message).toMatch(expected);
		expect(message).not.toContain(pem.split('\n')[3]);
		expect(lab.counts.tokenCalls).toBe(0);
	});
});

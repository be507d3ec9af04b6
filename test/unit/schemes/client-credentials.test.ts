/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
import { decodeJwt, jwtVerify } from 'jose';

import { clientCredentialsScheme } from '../../../credentials/common/schemes/client-credentials';
import { expectedThumbprints, rsaCertified } from '../assertion/test-certificates';
import { p256Key, rsaKey } from '../assertion/test-keys';
import { zitadelKeyFile } from '../../support/key-files';

const base = { accessTokenUrl: 'https://as.example/token', clientId: 'svc', clientSecret: 'svc-secret' };
const formOf = (credentials: Record<string, unknown>) => {
	const request = clientCredentialsScheme.loginRequest(clientCredentialsScheme.readSettings(credentials as never));
	return { request, form: Object.fromEntries(new URLSearchParams(request.body as string)) };
};

describe('clientCredentialsScheme', () => {
	it('posts grant_type=client_credentials with scope, Body Parameters and Headers, the client in HTTP Basic', () => {
		const { request, form } = formOf({ ...base, scope: 'read write', bodyParameters: '{"audience": "https://api.example.com"}', headers: '{"X-Tenant": "acme"}' });
		expect(request).toMatchObject({ url: 'https://as.example/token', method: 'POST' });
		expect(request.headers).toMatchObject({ 'Content-Type': 'application/x-www-form-urlencoded', 'X-Tenant': 'acme', Authorization: expect.stringMatching(/^Basic /) });
		expect(form).toEqual({ grant_type: 'client_credentials', scope: 'read write', audience: 'https://api.example.com' });
	});

	it('signs a fresh client assertion for every login request (private_key_jwt)', async () => {
		const settings = clientCredentialsScheme.readSettings({ ...base, clientAuthentication: 'privateKeyJwt', privateKey: rsaKey.pkcs8, signingAlgorithm: 'PS256' } as never);
		const first = new URLSearchParams(clientCredentialsScheme.loginRequest(settings).body as string).get('client_assertion') as string;
		const second = new URLSearchParams(clientCredentialsScheme.loginRequest(settings).body as string).get('client_assertion') as string;
		expect(decodeJwt(first).jti).not.toBe(decodeJwt(second).jti);
		await expect(jwtVerify(first, rsaKey.publicKey, { algorithms: ['PS256'], audience: base.accessTokenUrl, issuer: 'svc', subject: 'svc' })).resolves.toBeDefined();
	});

	it('sends what Microsoft Entra ID wants with a Certificate: its thumbprints in the header, aud the token URL', async () => {
		const entra = { accessTokenUrl: 'https://login.microsoftonline.com/TENANT_ID/oauth2/v2.0/token', clientId: 'app-id', scope: 'https://graph.microsoft.com/.default' };
		const { form } = formOf({ ...entra, clientAuthentication: 'privateKeyJwt', privateKey: rsaCertified.key, certificate: rsaCertified.cert, signingAlgorithm: 'PS256' });
		expect(form).toMatchObject({ grant_type: 'client_credentials', client_id: 'app-id', scope: entra.scope });
		const { protectedHeader } = await jwtVerify(form.client_assertion, rsaCertified.publicKey, { algorithms: ['PS256'], audience: entra.accessTokenUrl, issuer: 'app-id', subject: 'app-id' });
		expect(protectedHeader).toEqual({ alg: 'PS256', typ: 'JWT', ...expectedThumbprints(rsaCertified.cert) });
	});

	it("signs the client assertion with a Zitadel application key file: its clientId, key and keyId win over the fields", async () => {
		const file = zitadelKeyFile('application', { privateKeyPem: rsaKey.traditional, keyId: 'z-kid', owner: '78366401571920522@acme' });
		const credentials = { ...base, clientAuthentication: 'privateKeyJwt', privateKeyFile: file, privateKey: p256Key.pkcs8, keyId: 'typed' };
		const { form } = formOf(credentials);
		expect(form.client_id).toBe('78366401571920522@acme');
		const { protectedHeader } = await jwtVerify(form.client_assertion, rsaKey.publicKey, { issuer: '78366401571920522@acme', subject: '78366401571920522@acme', audience: base.accessTokenUrl });
		expect(protectedHeader.kid).toBe('z-kid');
		const settings = clientCredentialsScheme.readSettings(credentials as never);
		expect(settings.identity).toContainEqual({ keyFile: file });
		expect(settings.secrets).toContain(file);
	});

	it('ignores a stored Key File when the client authenticates with a secret (it signs only Private Key JWT)', () => {
		const { form } = formOf({ ...base, clientAuthentication: 'body', privateKeyFile: 'not a key file' });
		expect(form).toMatchObject({ client_id: 'svc', client_secret: 'svc-secret' });
	});

	it('has no refresh request: a client credentials token is renewed by a new grant', () => {
		expect(clientCredentialsScheme.refreshRequest).toBeUndefined();
	});

	it('changes its identity when any setting changes, the key and the secret included', () => {
		const identity = (more: Record<string, unknown>) => JSON.stringify(clientCredentialsScheme.readSettings({ ...base, ...more } as never).identity);
		const seen = new Set([
			identity({}),
			identity({ clientSecret: 'other' }),
			identity({ scope: 'a' }),
			identity({ bodyParameters: '{"audience":"x"}' }),
			identity({ headers: '{"h":"1"}' }),
			identity({ clientAuthentication: 'body' }),
			identity({ clientAuthentication: 'privateKeyJwt', privateKey: rsaKey.pkcs8 }),
			identity({ clientAuthentication: 'privateKeyJwt', privateKey: rsaKey.traditional }),
			identity({ clientAuthentication: 'privateKeyJwt', privateKey: rsaKey.pkcs8, keyId: 'k2' }),
			identity({ clientAuthentication: 'privateKeyJwt', privateKey: rsaKey.pkcs8, signingAlgorithm: 'RS512' }),
			identity({ clientAuthentication: 'privateKeyJwt', privateKey: rsaKey.pkcs8, assertionAudience: 'https://as.example' }),
			identity({ clientAuthentication: 'privateKeyJwt', privateKey: rsaCertified.key }),
			identity({ clientAuthentication: 'privateKeyJwt', privateKey: rsaCertified.key, certificate: rsaCertified.cert }),
		]);
		expect(seen.size).toBe(13);
	});

	it('lists the secret and the key for redaction', () => {
		const settings = clientCredentialsScheme.readSettings({ ...base, clientAuthentication: 'privateKeyJwt', privateKey: rsaKey.pkcs8 } as never);
		expect(settings.secrets).toEqual(['svc-secret', rsaKey.pkcs8]);
	});

	it.each([
		['no Access Token URL', { accessTokenUrl: '' }, 'Access Token URL is empty'],
		['Body Parameters that are not JSON', { bodyParameters: 'audience=x' }, 'Body Parameters is not valid JSON'],
		['a garbled key', { clientAuthentication: 'privateKeyJwt', privateKey: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC' }, 'Private Key is not a PEM key'],
	])('refuses %s before any request', (_name, more, message) => {
		expect(() => clientCredentialsScheme.readSettings({ ...base, ...more } as never)).toThrow(message);
	});

	it('reads access_token and expires_in from the answer', () => {
		const settings = clientCredentialsScheme.readSettings(base as never);
		expect(clientCredentialsScheme.readResponse(settings, { statusCode: 200, body: JSON.stringify({ access_token: 'at', expires_in: 60, token_type: 'Bearer' }) })).toMatchObject({ accessToken: 'at', expiresInSeconds: 60 });
	});
});

/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { PasswordGrantOAuth2Api } from '../../credentials/PasswordGrantOAuth2Api.credentials';
import { startJwtBearerLab, type JwtBearerLab } from '../servers/jwt-bearer-lab';
import { decodeAssertion } from '../servers/oidc-lab';
import { startTokenLab, type TokenLab } from '../servers/token-lab';
import { StoredCredential, failureOf, n8nRequester } from './support/n8n-request-harness';
import { useControlledDate } from '../support/controlled-date';
import { inNewProcess, passwordGrantFor } from './support/lab-credentials';

let lab: TokenLab;
beforeEach(async () => {
	lab = await startTokenLab();
});
afterEach(async () => await lab.close());

const newProcess = () => inNewProcess<PasswordGrantOAuth2Api>('PasswordGrantOAuth2Api');

const basicAuth = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('OAuth2 Password Grant: the token request (RFC 6749 section 4.3)', () => {
	it('posts a form with grant_type=password, username, password and scope, the client in a Basic header', async () => {
		const stored = new StoredCredential(passwordGrantFor(lab, { scope: 'read write' }));
		await expect(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true });
		const [login] = lab.tokenRequests;
		expect(login.method).toBe('POST');
		expect(login.headers['content-type']).toBe('application/x-www-form-urlencoded');
		expect(login.headers.authorization).toBe(basicAuth('lab-client', 'lab-client-s3cret'));
		expect(login.form).toEqual({ grant_type: 'password', username: 'alice', password: 'wonderland-Pa55', scope: 'read write' });
		expect(lab.counts.oauthPasswordCalls).toBe(1);
	});

	it('sends client_id and client_secret in the body when asked to', async () => {
		const stored = new StoredCredential(passwordGrantFor(lab, { clientAuthentication: 'body' }));
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		const [login] = lab.tokenRequests;
		expect(login.headers.authorization).toBeUndefined();
		expect(login.form).toMatchObject({ client_id: 'lab-client', client_secret: 'lab-client-s3cret' });
		expect(lab.counts.apiAccepted).toBe(1);
	});

	it('sends the overridden grant type, extra headers and extra body parameters', async () => {
		const stored = new StoredCredential(
			passwordGrantFor(lab, { grantType: 'urn:lab:password', headers: '{"X-Tenant": "acme"}', bodyParameters: '{"audience": "api://lab"}' }),
		);
		const message = await failureOf(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl }));
		const [login] = lab.tokenRequests;
		expect(login.form).toMatchObject({ grant_type: 'urn:lab:password', audience: 'api://lab' });
		expect(login.headers['x-tenant']).toBe('acme');
		// The lab's OAuth2 server knows no such grant: its own error comes through, named.
		expect(message).toMatch(/refused the login \(HTTP 400: unsupported_grant_type/);
	});

	it('refuses Body Parameters that are not a JSON object before any request', async () => {
		const stored = new StoredCredential(passwordGrantFor(lab, { bodyParameters: 'audience=api' }));
		expect(await failureOf(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl }))).toMatch(/Body Parameters is not valid JSON/);
		expect(lab.tokenRequests).toHaveLength(0);
	});
});

describe('OAuth2 Password Grant: refresh tokens', () => {
	const time = useControlledDate();

	it('renews with grant_type=refresh_token before expiry and keeps the rotated refresh token', async () => {
		lab.set({ lifetimeSeconds: 2, expiredStatus: 403 });
		const stored = new StoredCredential(passwordGrantFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		const firstRefreshToken = stored.data.refreshToken;
		expect(firstRefreshToken).toBe(lab.issuedRefreshTokens[0]);
		time.pass(1700);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		time.pass(1700);
		// A new process: the rotated refresh token must have been saved, the first one is revoked.
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		expect(lab.counts.oauthPasswordCalls).toBe(1);
		expect(lab.counts.oauthRefreshCalls).toBe(2);
		expect(lab.counts.oauthRefused).toBe(0);
		expect(lab.counts.apiExpiredSeen).toBe(0);
		expect(stored.data.refreshToken).toBe(lab.issuedRefreshTokens[2]);
		expect(lab.tokenRequests[1].form).toMatchObject({ grant_type: 'refresh_token', refresh_token: firstRefreshToken });
	});

	it('sends refreshes to the Refresh Token URL when one is set', async () => {
		lab.set({ lifetimeSeconds: 2 });
		const stored = new StoredCredential(passwordGrantFor(lab, { refreshTokenUrl: `${lab.oauthTokenUrl}?for=refresh` }));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		time.pass(1700);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		expect(lab.tokenRequests.map((request) => [request.path, request.form.grant_type])).toEqual([
			['/oauth/token', 'password'],
			['/oauth/token?for=refresh', 'refresh_token'],
		]);
	});

	it('falls back to the password grant when the refresh is refused', async () => {
		lab.set({ lifetimeSeconds: 2, refuseRefresh: true });
		const stored = new StoredCredential(passwordGrantFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		time.pass(1700);
		await expect(n8n.legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true });
		expect(lab.counts.oauthRefreshCalls).toBe(1);
		expect(lab.counts.oauthPasswordCalls).toBe(2);
	});

	it('uses the refresh token after the API rejects the access token with 401', async () => {
		const stored = new StoredCredential(passwordGrantFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		lab.revokeAllTokens();
		await expect(n8n.legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true });
		expect(lab.counts.oauthRefreshCalls).toBe(1);
		expect(lab.counts.oauthPasswordCalls).toBe(1);
	});
});

describe('OAuth2 Password Grant: refused logins', () => {
	it('makes one token call for a wrong client secret and never shows the secret', async () => {
		lab.set({ echoPasswordOnRefusal: true });
		const stored = new StoredCredential(passwordGrantFor(lab, { clientSecret: 'not-the-s3cret' }));
		const n8n = n8nRequester(newProcess(), stored);
		const messages = await Promise.all(Array.from({ length: 10 }, async (_, i) => await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }, i))));
		expect(lab.counts.oauthPasswordCalls).toBe(1);
		for (const message of messages) {
			expect(message).toMatch(/refused the login \(HTTP 401: invalid_client/);
			expect(message).not.toContain('not-the-s3cret');
			expect(message).not.toContain('wonderland-Pa55');
		}
	});

	it('redacts a password that the server writes back into its error', async () => {
		lab.set({ echoPasswordOnRefusal: true });
		const stored = new StoredCredential(passwordGrantFor(lab, { password: 'my-Real-passw0rd' }));
		const message = await failureOf(n8nRequester(newProcess(), stored).httpRequest({ url: lab.apiUrl }));
		expect(message).toMatch(/HTTP 400: invalid_grant/);
		expect(message).toContain('***');
		expect(message).not.toContain('my-Real-passw0rd');
	});
});

describe('OAuth2 Password Grant: signed client assertions (RFC 7523 section 2.2) against a server that verifies with jose', () => {
	// The JWT Bearer lab's confidential client may use oauth2-server's own password grant; the
	// lab checks client assertions with jose (signature, iss = sub = client id, aud, exp, jti seen before).
	let jwtLab: JwtBearerLab;
	beforeAll(async () => (jwtLab = await startJwtBearerLab()));
	afterAll(async () => await jwtLab.close());
	beforeEach(() => jwtLab.resetCounts());

	const assertionCredential = (more: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject => ({
		accessTokenUrl: jwtLab.tokenUrl,
		clientId: jwtLab.settings.clientId,
		username: jwtLab.settings.username,
		password: jwtLab.settings.password,
		...more,
	});
	const privateKeyJwt = () => ({ clientAuthentication: 'privateKeyJwt', privateKey: jwtLab.clientKey.privateKeyPem, keyId: jwtLab.clientKey.kid });
	const clientSecretJwt = () => ({ clientAuthentication: 'clientSecretJwt', clientSecret: jwtLab.settings.clientSecret, signingAlgorithm: 'HS256' });

	it.each([
		['Private Key JWT', privateKeyJwt, 'private_key_jwt', 'RS256'],
		['Client Secret JWT', clientSecretJwt, 'client_secret_jwt', 'HS256'],
	] as const)('%s: the server accepts the assertion, the password grant logs in and the API acts as the user', async (_name, method, seen, alg) => {
		const stored = new StoredCredential(assertionCredential(method()));
		await expect(n8nRequester(newProcess(), stored).legacyRequest({ uri: jwtLab.apiUrl })).resolves.toMatchObject({ ok: true });
		const [call] = jwtLab.tokenCalls;
		expect(call).toMatchObject({ status: 200, authMethod: seen });
		expect(call.form).toMatchObject({
			grant_type: 'password',
			username: jwtLab.settings.username,
			client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
		});
		expect(call.form).not.toHaveProperty('client_secret');
		const assertion = decodeAssertion(call.form.client_assertion);
		expect(assertion?.header).toMatchObject({ alg });
		expect(assertion?.claims).toMatchObject({ iss: jwtLab.settings.clientId, sub: jwtLab.settings.clientId, aud: jwtLab.tokenUrl });
		expect(jwtLab.apiSubjects).toEqual([jwtLab.settings.username]);
	});

	it('every login signs a new assertion (new jti): two processes log in and the server refuses no replay', async () => {
		for (let round = 1; round <= 2; round++) {
			await n8nRequester(newProcess(), new StoredCredential(assertionCredential(privateKeyJwt()))).legacyRequest({ uri: jwtLab.apiUrl });
		}
		const jtis = jwtLab.tokenCalls.map((call) => decodeAssertion(call.form.client_assertion)?.claims.jti);
		expect(jwtLab.tokenCalls.map((call) => call.status)).toEqual([200, 200]);
		expect(new Set(jtis).size).toBe(2);
	});

	it('a key the server does not know: one refused token call for 10 parallel requests, and no key material in the message', async () => {
		const stored = new StoredCredential(assertionCredential({ ...privateKeyJwt(), privateKey: jwtLab.keys.rsa.privateKeyPem, keyId: '' }));
		const n8n = n8nRequester(newProcess(), stored);
		const messages = await Promise.all(Array.from({ length: 10 }, async (_, i) => await failureOf(n8n.legacyRequest({ uri: jwtLab.apiUrl }, i))));
		expect(jwtLab.counts.tokenCalls).toBe(1);
		expect(jwtLab.tokenCalls[0]).toMatchObject({ status: 400, error: 'invalid_client' });
		for (const message of messages) {
			expect(message).toMatch(/refused the login \(HTTP 400: invalid_client: Invalid client: client assertion refused/);
			expect(message).not.toContain(jwtLab.keys.rsa.privateKeyPem.split('\n')[2]);
			expect(message).not.toContain(jwtLab.settings.password);
		}
		expect(jwtLab.counts.apiCalls).toBe(0);
	});
});

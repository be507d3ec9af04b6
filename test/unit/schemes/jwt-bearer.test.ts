import { jwtVerify } from 'jose';

import { jwtBearerScheme } from '../../../credentials/common/schemes/jwt-bearer';
import { googleServiceAccountKeyFile, zitadelKeyFile } from '../../support/key-files';
import { ecCertified, expectedThumbprints, otherRsaCertified, pemLines, rsaCertified } from '../assertion/test-certificates';
import { bodyOf, p256Key, p384Key, rsaKey } from '../assertion/test-keys';

const base = { accessTokenUrl: 'https://login.example/token', issuer: 'svc@example', privateKey: rsaKey.pkcs8 };
const formOf = (credentials: Record<string, unknown>) =>
	Object.fromEntries(new URLSearchParams(jwtBearerScheme.loginRequest(jwtBearerScheme.readSettings(credentials as never)).body as string));

describe('jwtBearerScheme (RFC 7523 section 2.1)', () => {
	it('posts grant_type=jwt-bearer and a signed assertion, with no client authentication by default', async () => {
		const form = formOf({ ...base, subject: 'alice', scope: 'api', extraClaims: '{"scope": "drive"}', assertionLifetime: 120, keyId: 'kid-1' });
		expect(Object.keys(form)).toEqual(['grant_type', 'assertion', 'scope']);
		expect(form.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
		const { payload, protectedHeader } = await jwtVerify(form.assertion, rsaKey.publicKey, { issuer: 'svc@example', subject: 'alice', audience: base.accessTokenUrl });
		expect(protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'kid-1' });
		expect(payload.scope).toBe('drive');
		expect((payload.exp as number) - (payload.iat as number)).toBe(120);
	});

	it('uses the Audience field and the chosen algorithm; no sub without a Subject; 300 s by default', async () => {
		const form = formOf({ ...base, privateKey: p384Key.traditional, signingAlgorithm: 'ES384', audience: 'https://login.example' });
		const { payload } = await jwtVerify(form.assertion, p384Key.publicKey, { algorithms: ['ES384'], audience: 'https://login.example' });
		expect(payload).not.toHaveProperty('sub');
		expect((payload.exp as number) - (payload.iat as number)).toBe(300);
	});

	it('adds a client assertion signed with the same key when the client authenticates with Private Key JWT', async () => {
		const form = formOf({ ...base, privateKey: p256Key.pkcs8, signingAlgorithm: 'ES256', clientAuthentication: 'privateKeyJwt', clientId: 'client-9' });
		expect(form).toMatchObject({ client_id: 'client-9', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' });
		await expect(jwtVerify(form.client_assertion, p256Key.publicKey, { issuer: 'client-9', subject: 'client-9' })).resolves.toBeDefined();
		expect(form.client_assertion).not.toBe(form.assertion);
	});

	it('puts the Certificate\'s thumbprints in the grant assertion and in the client assertion signed with the same key', async () => {
		const form = formOf({ ...base, privateKey: ecCertified.key, signingAlgorithm: 'ES256', keyId: 'k2', certificate: ecCertified.cert, clientAuthentication: 'privateKeyJwt', clientId: 'client-9' });
		const expected = { alg: 'ES256', typ: 'JWT', kid: 'k2', ...expectedThumbprints(ecCertified.cert) };
		expect((await jwtVerify(form.assertion, ecCertified.publicKey, { issuer: 'svc@example' })).protectedHeader).toEqual(expected);
		expect((await jwtVerify(form.client_assertion, ecCertified.publicKey, { issuer: 'client-9' })).protectedHeader).toEqual(expected);
	});

	it('leaves the header as before when the Certificate is empty', async () => {
		const form = formOf({ ...base, certificate: '' });
		expect((await jwtVerify(form.assertion, rsaKey.publicKey)).protectedHeader).toEqual({ alg: 'RS256', typ: 'JWT' });
	});

	it('refuses a Certificate of another key before any request, never showing it', () => {
		let text = '';
		try {
			jwtBearerScheme.readSettings({ ...base, privateKey: rsaCertified.key, certificate: otherRsaCertified.cert } as never);
		} catch (error) {
			text = (error as Error).message;
		}
		expect(text).toMatch(/^Certificate does not belong to the Private Key/);
		for (const line of pemLines(rsaCertified.key, otherRsaCertified.cert)) expect(text).not.toContain(line);
	});

	it('can send client_id and client_secret as well (Client Secret in Body)', () => {
		expect(formOf({ ...base, clientAuthentication: 'body', clientId: 'c', clientSecret: 's' })).toMatchObject({ client_id: 'c', client_secret: 's' });
	});

	it.each([
		['no Issuer', { issuer: '' }, 'Issuer is empty'],
		['no key', { privateKey: '' }, 'Private Key is empty'],
		['a public key', { privateKey: rsaKey.publicPem }, 'holds a public key or certificate (PUBLIC KEY), not the private key'],
		['ES256 with an RSA key', { signingAlgorithm: 'ES256' }, 'ES256 needs an EC key on curve P-256, but the Private Key is an RSA key (2048 bits)'],
		['Extra Claims that set iss', { extraClaims: '{"iss": "x"}' }, 'Extra Claims may not set "iss"'],
		['Extra Claims that are not an object', { extraClaims: '["a"]' }, 'Extra Claims must be a JSON object'],
		['a lifetime of zero', { assertionLifetime: 0 }, 'Assertion Lifetime must be a whole number of seconds from 1 to 3600'],
	])('refuses %s before any request, never printing the key', (_name, more, message) => {
		let text = '';
		try {
			jwtBearerScheme.readSettings({ ...base, ...more } as never);
		} catch (error) {
			text = (error as Error).message;
		}
		expect(text).toContain(message);
		expect(text).not.toContain(bodyOf(rsaKey.pkcs8).slice(100, 140));
	});

	it('puts the key in the identity and the redaction list', () => {
		const settings = jwtBearerScheme.readSettings(base as never);
		expect(settings.secrets).toContain(rsaKey.pkcs8);
		expect(settings.identity).toContain(rsaKey.pkcs8);
	});

	it('puts a Certificate in the identity only when set, never in the redaction list', () => {
		const credentials = { ...base, privateKey: rsaCertified.key };
		const without = jwtBearerScheme.readSettings(credentials as never);
		expect(jwtBearerScheme.readSettings({ ...credentials, certificate: '' } as never).identity).toEqual(without.identity);
		const withCertificate = jwtBearerScheme.readSettings({ ...credentials, certificate: rsaCertified.cert } as never);
		expect(withCertificate.identity).toContainEqual({ certificate: rsaCertified.cert.trim() });
		expect(withCertificate.secrets).toEqual(without.secrets);
	});

	describe('Token to Use: ID Token', () => {
		const idToken = { ...base, tokenToUse: 'id_token', targetAudience: 'https://hello-abc123-uc.a.run.app' };

		it('puts target_audience in the assertion and reads the answer\'s id_token (Google for Cloud Run, IAP)', async () => {
			const settings = jwtBearerScheme.readSettings({ ...idToken, extraClaims: '{"email": true}' } as never);
			const form = Object.fromEntries(new URLSearchParams(jwtBearerScheme.loginRequest(settings).body as string));
			const { payload } = await jwtVerify(form.assertion, rsaKey.publicKey, { issuer: 'svc@example' });
			expect(payload).toMatchObject({ target_audience: 'https://hello-abc123-uc.a.run.app', email: true });
			const answer = { statusCode: 200, body: JSON.stringify({ access_token: 'not-this', id_token: 'the-id-token' }) };
			expect(jwtBearerScheme.readResponse(settings, answer).accessToken).toBe('the-id-token');
		});

		it('refuses an answer without id_token with NO_TOKEN, naming the field', () => {
			const settings = jwtBearerScheme.readSettings(idToken as never);
			expect(() => jwtBearerScheme.readResponse(settings, { statusCode: 200, body: '{"access_token":"a"}' })).toThrow(/without "id_token" \(Token to Use: ID Token\)/);
		});

		it('sends no target_audience and keeps the fingerprint with Access Token (the default)', async () => {
			const before = jwtBearerScheme.readSettings(base as never);
			const chosen = jwtBearerScheme.readSettings({ ...base, tokenToUse: 'access_token', targetAudience: 'ignored' } as never);
			expect(chosen.identity).toEqual(before.identity);
			const { payload } = await jwtVerify(formOf({ ...base, tokenToUse: 'access_token', targetAudience: 'ignored' }).assertion, rsaKey.publicKey);
			expect(payload).not.toHaveProperty('target_audience');
			expect(jwtBearerScheme.readSettings(idToken as never).identity).not.toEqual(before.identity);
		});

		it.each([
			['no Target Audience', { targetAudience: '' }, 'Target Audience is empty'],
			['Extra Claims that set target_audience', { extraClaims: '{"target_audience": "x"}' }, 'Extra Claims may not set "target_audience"'],
			['an unknown Token to Use', { tokenToUse: 'refresh_token' }, 'Token to Use must be one of access_token, id_token, not refresh_token'],
		])('refuses %s before any request', (_name, more, message) => {
			expect(() => jwtBearerScheme.readSettings({ ...idToken, ...more } as never)).toThrow(message);
		});
	});

	describe('Key File', () => {
		const googleFile = googleServiceAccountKeyFile({ privateKeyPem: rsaKey.pkcs8, keyId: 'g-kid', clientEmail: 'invoker@p.iam.gserviceaccount.com', tokenUri: 'https://oauth2.example/token' });

		it("signs with a Google key file's key and kid, as its client_email, at its token_uri, over typed fields", async () => {
			const settings = jwtBearerScheme.readSettings({ privateKeyFile: googleFile, issuer: 'typed', accessTokenUrl: 'https://typed.example/token', privateKey: p256Key.pkcs8 } as never);
			const request = jwtBearerScheme.loginRequest(settings);
			expect(request.url).toBe('https://oauth2.example/token');
			const form = Object.fromEntries(new URLSearchParams(request.body as string));
			const { payload, protectedHeader } = await jwtVerify(form.assertion, rsaKey.publicKey, { issuer: 'invoker@p.iam.gserviceaccount.com', audience: 'https://oauth2.example/token' });
			expect(protectedHeader.kid).toBe('g-kid');
			expect(payload).not.toHaveProperty('sub');
		});

		it("signs with a Zitadel key as its userId (iss = sub), audience as typed", async () => {
			const file = zitadelKeyFile('serviceaccount', { privateKeyPem: rsaKey.traditional, keyId: 'z-kid', owner: '1005078' });
			const form = formOf({ accessTokenUrl: 'https://zitadel.example/oauth/v2/token', audience: 'https://zitadel.example', privateKeyFile: file });
			const { protectedHeader } = await jwtVerify(form.assertion, rsaKey.publicKey, { issuer: '1005078', subject: '1005078', audience: 'https://zitadel.example' });
			expect(protectedHeader.kid).toBe('z-kid');
		});

		it('puts the key file in the fingerprint and the redaction list', () => {
			const settings = jwtBearerScheme.readSettings({ privateKeyFile: googleFile } as never);
			expect(settings.identity).toContainEqual({ keyFile: googleFile });
			expect(settings.secrets).toContain(googleFile);
			const other = googleServiceAccountKeyFile({ privateKeyPem: rsaKey.pkcs8, keyId: 'g-kid-2', clientEmail: 'invoker@p.iam.gserviceaccount.com', tokenUri: 'https://oauth2.example/token' });
			expect(jwtBearerScheme.readSettings({ privateKeyFile: other } as never).identity).not.toEqual(settings.identity);
		});

		it('refuses a key file of the wrong kind before any request', () => {
			expect(() => jwtBearerScheme.readSettings({ ...base, privateKeyFile: JSON.stringify({ type: 'authorized_user' }) } as never)).toThrow('Key File is a JSON file of type "authorized_user"');
		});
	});
});

import { jwtVerify } from 'jose';

import { jwtBearerScheme } from '../../../credentials/common/schemes/jwt-bearer';
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
});

import { decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';

import { authenticateClient, readClientAuth, type ClientAuthRules } from '../../../credentials/common/oauth2/client-auth';
import { expectedThumbprints, otherRsaCertified, pemLines, rsaCertified } from '../assertion/test-certificates';
import { bodyOf, p256Key, rsaKey } from '../assertion/test-keys';

const rules: ClientAuthRules = {
	defaultMethod: 'header',
	allowed: ['header', 'body', 'privateKeyJwt', 'clientSecretJwt'],
	secretOptional: false,
	accessTokenUrl: 'https://as.example/token',
};

function applied(credentials: Record<string, unknown>, rulesHere = rules) {
	const form = new URLSearchParams({ grant_type: 'client_credentials' });
	const headers: Record<string, string> = {};
	authenticateClient(readClientAuth(credentials as never, rulesHere), form, headers);
	return { form: Object.fromEntries(form), headers };
}

describe('readClientAuth and authenticateClient', () => {
	it('header: HTTP Basic with id and secret encoded (RFC 6749 section 2.3.1), nothing in the body', () => {
		const { form, headers } = applied({ clientId: 'my client', clientSecret: 'a:b+c' });
		expect(headers.Authorization).toBe(`Basic ${Buffer.from('my%20client:a%3Ab%2Bc').toString('base64')}`);
		expect(form).toEqual({ grant_type: 'client_credentials' });
	});

	it('body: client_id and client_secret form fields', () => {
		const { form, headers } = applied({ clientAuthentication: 'body', clientId: 'c1', clientSecret: 's1' });
		expect(form).toEqual({ grant_type: 'client_credentials', client_id: 'c1', client_secret: 's1' });
		expect(headers).toEqual({});
	});

	it('privateKeyJwt: a client assertion signed with the key, aud the Access Token URL', async () => {
		const { form, headers } = applied({ clientAuthentication: 'privateKeyJwt', clientId: 'c1', privateKey: p256Key.pkcs8, signingAlgorithm: 'ES256', keyId: 'k9' });
		expect(headers).toEqual({});
		expect(form).toMatchObject({ client_id: 'c1', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' });
		expect(form).not.toHaveProperty('client_secret');
		const { payload, protectedHeader } = await jwtVerify(form.client_assertion, p256Key.publicKey, { audience: 'https://as.example/token', issuer: 'c1', subject: 'c1' });
		expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'JWT', kid: 'k9' });
		expect((payload.exp as number) - (payload.iat as number)).toBeLessThanOrEqual(300);
	});

	it('privateKeyJwt with a Certificate: its thumbprints reach the assertion header (Microsoft Entra ID)', async () => {
		const cert = rsaCertified.cert.replace(/\n/g, ' ');
		const { form } = applied({ clientAuthentication: 'privateKeyJwt', clientId: 'c1', privateKey: rsaCertified.key, signingAlgorithm: 'PS256', certificate: cert });
		const { protectedHeader } = await jwtVerify(form.client_assertion, rsaCertified.publicKey, { algorithms: ['PS256'], audience: 'https://as.example/token', issuer: 'c1' });
		expect(protectedHeader).toEqual({ alg: 'PS256', typ: 'JWT', ...expectedThumbprints(rsaCertified.cert) });
	});

	it('privateKeyJwt with an empty Certificate: the header is as before', () => {
		const { form } = applied({ clientAuthentication: 'privateKeyJwt', clientId: 'c1', privateKey: rsaCertified.key, keyId: 'k1', certificate: '' });
		expect(decodeProtectedHeader(form.client_assertion)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
	});

	it('refuses a Certificate of another key before any request, never showing it', () => {
		let text = '';
		try {
			readClientAuth({ clientAuthentication: 'privateKeyJwt', clientId: 'c1', privateKey: rsaCertified.key, certificate: otherRsaCertified.cert } as never, rules);
		} catch (error) {
			text = (error as Error).message;
		}
		expect(text).toMatch(/^Certificate does not belong to the Private Key/);
		for (const line of pemLines(rsaCertified.key, otherRsaCertified.cert)) expect(text).not.toContain(line);
	});

	it('ignores the Certificate for the other methods, as it ignores the Private Key', () => {
		expect(applied({ clientAuthentication: 'body', clientId: 'c1', clientSecret: 's1', certificate: 'not a certificate' }).form).toEqual({ grant_type: 'client_credentials', client_id: 'c1', client_secret: 's1' });
	});

	it('clientSecretJwt: HS256 with the client secret, the Assertion Audience when set', async () => {
		const { form } = applied({ clientAuthentication: 'clientSecretJwt', clientId: 'c1', clientSecret: 'shared-secret', assertionAudience: 'https://as.example' });
		const { payload } = await jwtVerify(form.client_assertion, Buffer.from('shared-secret'), { audience: 'https://as.example' });
		expect(decodeProtectedHeader(form.client_assertion).alg).toBe('HS256');
		expect(payload).toMatchObject({ iss: 'c1', sub: 'c1' });
		expect(form).not.toHaveProperty('client_secret');
	});

	it('signs a new assertion for every request (jti never repeats)', () => {
		const auth = readClientAuth({ clientAuthentication: 'privateKeyJwt', clientId: 'c1', privateKey: rsaKey.pkcs8 } as never, rules);
		const jtis = new Set<unknown>();
		for (let i = 0; i < 50; i++) {
			const form = new URLSearchParams();
			authenticateClient(auth, form, {});
			jtis.add(decodeJwt(form.get('client_assertion') as string).jti);
		}
		expect(jtis.size).toBe(50);
	});

	it('none: nothing added', () => {
		const { form, headers } = applied({ clientId: 'ignored' }, { ...rules, defaultMethod: 'none', allowed: ['none'] });
		expect([form, headers]).toEqual([{ grant_type: 'client_credentials' }, {}]);
	});

	it('password grant rules: a client without secret is public and names itself in the body (as before)', () => {
		expect(applied({ clientId: 'public-app' }, { ...rules, secretOptional: true }).form).toEqual({ grant_type: 'client_credentials', client_id: 'public-app' });
		expect(applied({}, { ...rules, secretOptional: true })).toEqual({ form: { grant_type: 'client_credentials' }, headers: {} });
	});

	it.each([
		['a missing Client Id', { clientSecret: 's' }, 'Client Id is empty'],
		['a missing secret', { clientId: 'c' }, 'Client Secret is empty'],
		['a JWT method without Client Id', { clientAuthentication: 'privateKeyJwt', privateKey: rsaKey.pkcs8 }, 'Client Id is empty'],
		['Client Secret JWT without secret', { clientAuthentication: 'clientSecretJwt', clientId: 'c' }, 'Client Secret is empty: Client Secret JWT signs its assertion (HS256) with it'],
		['a key that does not fit', { clientAuthentication: 'privateKeyJwt', clientId: 'c', privateKey: rsaKey.pkcs8, signingAlgorithm: 'ES256' }, 'ES256 needs an EC key on curve P-256'],
		['an unknown method', { clientAuthentication: 'tls', clientId: 'c' }, 'Client Authentication must be one of header, body, privateKeyJwt, clientSecretJwt, not tls'],
	])('refuses %s before any request', (_name, credentials, message) => {
		expect(() => readClientAuth(credentials as never, rules)).toThrow(message);
	});

	it('keeps the secret and the key in the fingerprint identity and in the redaction list', () => {
		const auth = readClientAuth({ clientAuthentication: 'privateKeyJwt', clientId: 'c', clientSecret: 'old', privateKey: rsaKey.pkcs8 } as never, rules);
		expect(auth.identity).toEqual(expect.arrayContaining([rsaKey.pkcs8, 'old', 'privateKeyJwt', 'RS256', 'https://as.example/token']));
		expect(auth.secrets).toEqual(['old', rsaKey.pkcs8]);
		expect(JSON.stringify(auth.identity)).toContain(bodyOf(rsaKey.pkcs8).slice(0, 40));
	});

	it('puts a Certificate in the identity only when set, so fingerprints of stored tokens stay as they were', () => {
		const credentials = { clientAuthentication: 'privateKeyJwt', clientId: 'c', privateKey: rsaCertified.key };
		const without = readClientAuth(credentials as never, rules);
		expect(readClientAuth({ ...credentials, certificate: '' } as never, rules).identity).toEqual(without.identity);
		const withCertificate = readClientAuth({ ...credentials, certificate: rsaCertified.cert } as never, rules);
		expect(withCertificate.identity).toEqual([...without.identity, { certificate: rsaCertified.cert.trim() }]);
		expect(withCertificate.secrets).toEqual(without.secrets);
	});
});

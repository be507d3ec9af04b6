import { privateSigningKey, secretSigningKey } from '../../../credentials/common/assertion';
import { ecCertified, expectedThumbprints, otherRsaCertified, pemLines, rsaCertified } from './test-certificates';
import { bodyOf, p256Key, rsaKey } from './test-keys';

describe('privateSigningKey', () => {
	it('reads the key, defaults to RS256 and keeps the Key ID', () => {
		const key = privateSigningKey({ privateKey: rsaKey.pkcs8, algorithm: '', keyId: 'k1' });
		expect(key).toMatchObject({ algorithm: 'RS256', keyId: 'k1' });
	});

	it.each([
		['RSA', rsaCertified, 'RS256'],
		['EC', ecCertified, 'ES256'],
	])('%s: adds the thumbprints of the Certificate', (_name, test, algorithm) => {
		const expected = expectedThumbprints(test.cert);
		const key = privateSigningKey({ privateKey: test.key, algorithm, keyId: '', certificate: test.cert });
		expect(key).toMatchObject({ algorithm, thumbprints: { x5tS256: expected['x5t#S256'], x5t: expected.x5t } });
	});

	it.each([['absent', undefined], ['empty', ''], ['blank', ' \n ']])('has no thumbprints when the Certificate is %s', (_name, certificate) => {
		const key = privateSigningKey({ privateKey: rsaCertified.key, algorithm: 'RS256', keyId: 'k1', certificate });
		expect(Object.keys(key).sort()).toEqual(['algorithm', 'keyId', 'privateKey']);
	});

	it('refuses a Certificate of another key, never printing the key or the certificate', () => {
		let text = '';
		try {
			privateSigningKey({ privateKey: rsaCertified.key, algorithm: 'RS256', keyId: '', certificate: otherRsaCertified.cert });
		} catch (error) {
			text = (error as Error).message;
		}
		expect(text).toMatch(/^Certificate does not belong to the Private Key/);
		for (const line of pemLines(rsaCertified.key, otherRsaCertified.cert)) expect(text).not.toContain(line);
	});

	it.each([
		['ES256 with an RSA key', { privateKey: rsaKey.pkcs8, algorithm: 'ES256' }, /ES256 needs an EC key on curve P-256, but the Private Key is an RSA key/],
		['RS256 with an EC key', { privateKey: p256Key.pkcs8, algorithm: 'RS256' }, /RS256 needs an RSA key, but the Private Key is an EC key on P-256/],
		['HS256, which signs with the secret', { privateKey: rsaKey.pkcs8, algorithm: 'HS256' }, /HS256 signs with the Client Secret, not a private key: choose Client Secret JWT/],
		['an unknown algorithm', { privateKey: rsaKey.pkcs8, algorithm: 'none' }, /Signing Algorithm must be one of RS256, RS384, RS512, PS256, ES256, ES384, not none/],
	])('refuses %s, never printing the key', (_name, input, message) => {
		let text = '';
		try {
			privateSigningKey({ keyId: '', ...input });
		} catch (error) {
			text = (error as Error).message;
		}
		expect(text).toMatch(message);
		expect(text).not.toContain(bodyOf(input.privateKey).slice(30, 60));
	});
});

describe('secretSigningKey (Client Secret JWT)', () => {
	it('signs HS256 with the client secret', () => {
		expect(secretSigningKey('s3cret')).toEqual({ algorithm: 'HS256', secret: 's3cret' });
	});

	it('refuses HS256 without a secret', () => {
		expect(() => secretSigningKey('')).toThrow('Client Secret is empty: Client Secret JWT signs its assertion (HS256) with it');
	});
});

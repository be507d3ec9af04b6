import { checkAlgorithmFitsKey, describeKey, readPrivateKey } from '../../../credentials/common/assertion';
import { p256Key, p384Key, rsaKey, smallRsaKey } from './test-keys';

const key = (pem: string) => readPrivateKey('Private Key', pem);

describe('checkAlgorithmFitsKey', () => {
	it.each([
		['RS256', rsaKey.pkcs8], ['RS384', rsaKey.pkcs8], ['RS512', rsaKey.traditional], ['PS256', rsaKey.traditional],
		['ES256', p256Key.pkcs8], ['ES384', p384Key.traditional],
	] as const)('accepts %s with a fitting key', (algorithm, pem) => {
		expect(() => checkAlgorithmFitsKey('the Private Key', algorithm, key(pem))).not.toThrow();
	});

	it.each([
		['ES256', rsaKey.pkcs8, 'ES256 needs an EC key on curve P-256, but the Private Key is an RSA key (2048 bits)'],
		['ES384', p256Key.pkcs8, 'ES384 needs an EC key on curve P-384, but the Private Key is an EC key on P-256'],
		['ES256', p384Key.pkcs8, 'ES256 needs an EC key on curve P-256, but the Private Key is an EC key on P-384'],
		['RS256', p256Key.pkcs8, 'RS256 needs an RSA key, but the Private Key is an EC key on P-256'],
		['PS256', p384Key.pkcs8, 'PS256 needs an RSA key, but the Private Key is an EC key on P-384'],
		['RS256', smallRsaKey.pkcs8, 'the Private Key is an RSA key (1024 bits); RS256 needs at least 2048 bits'],
	] as const)('refuses %s with the wrong key, naming both', (algorithm, pem, message) => {
		expect(() => checkAlgorithmFitsKey('the Private Key', algorithm, key(pem))).toThrow(message);
	});

	it('describes a key by type and size only', () => {
		expect(describeKey(key(rsaKey.pkcs8))).toBe('an RSA key (2048 bits)');
		expect(describeKey(key(p384Key.traditional))).toBe('an EC key on P-384');
	});
});

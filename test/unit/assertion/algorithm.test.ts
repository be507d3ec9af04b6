import { generateKeyPairSync } from 'crypto';

import { checkAlgorithmFitsKey, checkHmacSecretLength, describeKey, readPrivateKey } from '../../../credentials/common/assertion';
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

describe('EdDSA and the HMAC secret length', () => {
	const ed25519 = generateKeyPairSync('ed25519').privateKey;

	it('EdDSA takes an Ed25519 key and refuses others, naming both', () => {
		expect(() => checkAlgorithmFitsKey('the Private Key', 'EdDSA', ed25519)).not.toThrow();
		expect(() => checkAlgorithmFitsKey('the Private Key', 'EdDSA', key(p256Key.pkcs8))).toThrow('EdDSA needs an Ed25519 key, but the Private Key is an EC key on P-256');
		expect(() => checkAlgorithmFitsKey('the Private Key', 'ES256', ed25519)).toThrow('ES256 needs an EC key on curve P-256, but the Private Key is an Ed25519 key');
	});

	it.each([
		['HS256', 31, 32],
		['HS384', 47, 48],
		['HS512', 63, 64],
	] as const)('%s refuses a secret of %i bytes and takes %i', (algorithm, short, enough) => {
		expect(() => checkHmacSecretLength('Secret', algorithm, Buffer.alloc(short, 1))).toThrow(
			`Secret is ${short} bytes long; ${algorithm} needs at least ${enough} bytes (RFC 7518 section 3.2)`,
		);
		expect(() => checkHmacSecretLength('Secret', algorithm, Buffer.alloc(enough, 1))).not.toThrow();
	});
});

import { generateKeyPairSync } from 'crypto';

import { readPrivateKey } from '../../../credentials/common/assertion';
import { bodyOf, ed25519Pkcs8, encryptedPkcs1, encryptedPkcs8, p256Key, p384Key, rsaKey } from './test-keys';

describe('readPrivateKey', () => {
	it.each([
		['RSA PKCS#8', rsaKey.pkcs8, 'rsa'],
		['RSA PKCS#1', rsaKey.traditional, 'rsa'],
		['EC P-256 PKCS#8', p256Key.pkcs8, 'ec'],
		['EC P-256 SEC1', p256Key.traditional, 'ec'],
		['EC P-384 SEC1', p384Key.traditional, 'ec'],
		['RSA PKCS#8 pasted on one line with spaces', rsaKey.pkcs8.replace(/\n/g, ' '), 'rsa'],
	])('reads %s', (_name, pem, type) => {
		expect(readPrivateKey('Private Key', pem).asymmetricKeyType).toBe(type);
	});

	it.each([
		['empty', '  ', /Private Key is empty: paste the PEM private key/],
		['encrypted PKCS#8', encryptedPkcs8, /Private Key is encrypted with a passphrase.*openssl pkey/],
		['encrypted PKCS#1 (Proc-Type header)', encryptedPkcs1, /Private Key is encrypted with a passphrase/],
		['an Ed25519 key', ed25519Pkcs8, /Private Key is an ed25519 key: use an RSA or EC \(P-256, P-384\) key/],
		[
			'base64 that is not a key',
			`-----BEGIN PRIVATE KEY-----\n${Buffer.from('x'.repeat(90)).toString('base64')}\n-----END PRIVATE KEY-----`,
			/could not be read as an RSA or EC private key \(PEM, PKCS#8, PKCS#1 or SEC1\): the key is damaged or incomplete/,
		],
		['a key with a line missing', rsaKey.pkcs8.replace(/\n[^\n]{64}\n/, '\n'), /could not be read as an RSA or EC private key/],
	])('refuses %s with a message that never holds the key', (_name, text, message) => {
		let caught: Error | undefined;
		try {
			readPrivateKey('Private Key', text);
		} catch (error) {
			caught = error as Error;
		}
		expect(caught).toMatchObject({ name: 'TokenAuthError', reason: 'SETTINGS_INVALID' });
		expect(caught?.message).toMatch(message);
		for (const pem of [text, rsaKey.pkcs8]) {
			const body = bodyOf(pem);
			if (body.length > 30) expect(caught?.message).not.toContain(body.slice(20, 50));
		}
	});

	it('parses a key once, however often the settings are read', () => {
		expect(readPrivateKey('Private Key', rsaKey.pkcs8)).toBe(readPrivateKey('Private Key', rsaKey.pkcs8));
	});
});

describe('readPrivateKey with Ed25519 allowed (the Self-Signed JWT API)', () => {
	it('reads an Ed25519 PKCS#8 key', () => {
		expect(readPrivateKey('Private Key', ed25519Pkcs8, { edwards: true }).asymmetricKeyType).toBe('ed25519');
	});

	it('names the three kinds it takes when given another', () => {
		const x448 = generateKeyPairSync('x448').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
		expect(() => readPrivateKey('Private Key', x448, { edwards: true })).toThrow('Private Key is an x448 key: use an RSA, EC (P-256, P-384) or Ed25519 key');
	});
});

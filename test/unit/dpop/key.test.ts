import { createPublicKey, generateKeyPairSync } from 'crypto';

import { generateDpopKey, pastedDpopKey, storedDpopKey } from '../../../credentials/common/dpop';
import { ed25519Pkcs8, encryptedPkcs8, p256Key, p384Key, rsaKey } from '../assertion/test-keys';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];

describe('DPoP keys', () => {
	it('generates an ES256 key on P-256 whose public JWK carries no private member, and a PEM to store', () => {
		const key = generateDpopKey();
		expect(key.signing.algorithm).toBe('ES256');
		expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
		expect(Object.keys(key.publicJwk).filter((name) => PRIVATE_MEMBERS.includes(name))).toEqual([]);
		expect(key.storedPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
	});

	it('generates a different key each time', () => {
		expect(generateDpopKey().publicJwk.x).not.toBe(generateDpopKey().publicJwk.x);
	});

	it('reads a stored key back to the same public key, keeping its PEM', () => {
		const made = generateDpopKey();
		const stored = storedDpopKey(made.storedPem as string);
		expect(stored.publicJwk).toEqual(made.publicJwk);
		expect(stored.storedPem).toBe(made.storedPem);
	});

	it.each([
		['EC P-256', p256Key.traditional, 'ES256', 'EC'],
		['EC P-384', p384Key.pkcs8, 'ES384', 'EC'],
		['RSA', rsaKey.traditional, 'RS256', 'RSA'],
		['Ed25519', ed25519Pkcs8, 'EdDSA', 'OKP'],
	])('takes a pasted %s key with its algorithm, keeping nothing to store', (_kind, pem, algorithm, kty) => {
		const key = pastedDpopKey(pem);
		expect(key.signing.algorithm).toBe(algorithm);
		expect(key.publicJwk.kty).toBe(kty);
		expect(Object.keys(key.publicJwk).filter((name) => PRIVATE_MEMBERS.includes(name))).toEqual([]);
		expect(key.storedPem).toBeUndefined();
	});

	it('the public JWK is the pasted key\'s own public key', () => {
		expect(pastedDpopKey(p256Key.pkcs8).publicJwk).toEqual(createPublicKey(p256Key.publicPem).export({ format: 'jwk' }));
	});

	it('refuses an EC key on another curve, naming the curves it takes', () => {
		const p521 = generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
		expect(() => pastedDpopKey(p521)).toThrow(/DPoP Private Key is an EC key on P-521: use P-256 or P-384/);
	});

	it('refuses an encrypted key without showing it', () => {
		let message = '';
		try {
			pastedDpopKey(encryptedPkcs8);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toMatch(/DPoP Private Key/);
		expect(message).not.toContain('PRIVATE KEY-----');
	});
});

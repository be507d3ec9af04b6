import { createPublicKey, generateKeyPairSync, sign, verify } from 'crypto';

import { readRawEd25519Key } from '../../../credentials/common/assertion';

/** A key as Coinbase Developer Platform shows it: base64 of the 32-byte seed then the 32-byte public key. */
function coinbaseStyleKey() {
	const pair = generateKeyPairSync('ed25519');
	const { d, x } = pair.privateKey.export({ format: 'jwk' });
	const raw = Buffer.concat([Buffer.from(d as string, 'base64url'), Buffer.from(x as string, 'base64url')]);
	return { raw: raw.toString('base64'), publicKey: pair.publicKey };
}

describe('readRawEd25519Key', () => {
	it('reads the 64-byte seed+public form: what it signs verifies with the public key', () => {
		const { raw, publicKey } = coinbaseStyleKey();
		const key = readRawEd25519Key('Private Key', raw);
		expect(key?.asymmetricKeyType).toBe('ed25519');
		const signature = sign(null, Buffer.from('x'), key!);
		expect(verify(null, Buffer.from('x'), publicKey, signature)).toBe(true);
	});

	it('reads the 32-byte seed alone', () => {
		const { raw, publicKey } = coinbaseStyleKey();
		const seedOnly = Buffer.from(raw, 'base64').subarray(0, 32).toString('base64');
		const key = readRawEd25519Key('Private Key', `  ${seedOnly}\n`);
		expect(createPublicKey(key!).export({ format: 'jwk' }).x).toBe(publicKey.export({ format: 'jwk' }).x);
	});

	it.each([
		['a PEM', '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----'],
		['base64 of another length', Buffer.alloc(48, 1).toString('base64')],
		['not base64', 'not a key at all!'],
	])('leaves %s to the PEM reader (undefined)', (_name, text) => {
		expect(readRawEd25519Key('Private Key', text)).toBeUndefined();
	});

	it('refuses a key whose public half does not belong to its seed, without the key in the message', () => {
		const { raw } = coinbaseStyleKey();
		const bytes = Buffer.from(raw, 'base64');
		bytes[40] ^= 0xff;
		const damaged = bytes.toString('base64');
		expect(() => readRawEd25519Key('Private Key', damaged)).toThrow(/second half is not the public key of its first/);
		try {
			readRawEd25519Key('Private Key', damaged);
		} catch (error) {
			expect(String((error as Error).message)).not.toContain(damaged.slice(0, 20));
		}
	});
});

import { generateKeyPairSync, type KeyObject } from 'crypto';

/** Keys made for the tests, each PEM in the encodings users paste. */
export interface TestKey {
	publicKey: KeyObject;
	pkcs8: string;
	/** PKCS#1 for RSA, SEC1 for EC. */
	traditional: string;
	publicPem: string;
}

function pemsOf(pair: { privateKey: KeyObject; publicKey: KeyObject }, traditional: 'pkcs1' | 'sec1'): TestKey {
	return {
		publicKey: pair.publicKey,
		pkcs8: pair.privateKey.export({ format: 'pem', type: 'pkcs8' }) as string,
		traditional: pair.privateKey.export({ format: 'pem', type: traditional }) as string,
		publicPem: pair.publicKey.export({ format: 'pem', type: 'spki' }) as string,
	};
}

export const rsaKey = pemsOf(generateKeyPairSync('rsa', { modulusLength: 2048 }), 'pkcs1');
export const p256Key = pemsOf(generateKeyPairSync('ec', { namedCurve: 'P-256' }), 'sec1');
export const p384Key = pemsOf(generateKeyPairSync('ec', { namedCurve: 'P-384' }), 'sec1');
export const smallRsaKey = pemsOf(generateKeyPairSync('rsa', { modulusLength: 1024 }), 'pkcs1');
export const ed25519Pkcs8 = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;

/** An RSA key encrypted with a passphrase, as PKCS#8 and as the legacy PKCS#1 with Proc-Type. */
const encryptedPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const encryptedPkcs8 = encryptedPair.privateKey.export({ format: 'pem', type: 'pkcs8', cipher: 'aes-256-cbc', passphrase: 'pass' }) as string;
export const encryptedPkcs1 = encryptedPair.privateKey.export({ format: 'pem', type: 'pkcs1', cipher: 'aes-256-cbc', passphrase: 'pass' }) as string;

/** The base64 body of a PEM: a piece of it must never reach a message. */
export const bodyOf = (pem: string) => pem.split('\n').filter((line) => line !== '' && !line.startsWith('-----')).join('');

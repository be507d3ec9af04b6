/**
 * Key pairs made at test time with node:crypto for the machine-to-machine labs: nothing is
 * committed, every run signs with fresh keys. Each pair carries its private key as PKCS#8 PEM
 * (what the credential's Private Key field takes), the same key in the traditional encoding
 * (PKCS#1 for RSA, SEC1 for EC) and the public half as a JWK with its `kid` for a server's jwks.
 */
import { generateKeyPairSync, type KeyObject } from 'crypto';
import type { JWK } from 'jose';

export type LabKeyKind = 'rsa' | 'ec-p256' | 'ec-p384';

export interface LabKeyPair {
	kind: LabKeyKind;
	kid: string;
	privateKey: KeyObject;
	/** PKCS#8 ("BEGIN PRIVATE KEY"). */
	privateKeyPem: string;
	/** PKCS#1 ("BEGIN RSA PRIVATE KEY") or SEC1 ("BEGIN EC PRIVATE KEY"). */
	privateKeyTraditionalPem: string;
	publicJwk: JWK & { kid: string };
}

export function makeLabKeyPair(kind: LabKeyKind, kid: string): LabKeyPair {
	const { privateKey, publicKey } =
		kind === 'rsa'
			? generateKeyPairSync('rsa', { modulusLength: 2048 })
			: generateKeyPairSync('ec', { namedCurve: kind === 'ec-p256' ? 'P-256' : 'P-384' });
	return {
		kind,
		kid,
		privateKey,
		privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		privateKeyTraditionalPem: privateKey.export({ type: kind === 'rsa' ? 'pkcs1' : 'sec1', format: 'pem' }).toString(),
		publicJwk: { ...(publicKey.export({ format: 'jwk' }) as JWK), kid },
	};
}

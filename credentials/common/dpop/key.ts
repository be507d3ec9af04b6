import { createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'crypto';

import { ParsedCache, readPrivateKey, type AssertionKey } from '../assertion';
import { TokenAuthError } from '../errors';

/**
 * The key a DPoP-bound token is bound to: what signs the proofs, the public JWK every proof
 * carries in its header, and, for a key the credential made itself, the PEM kept with the token.
 */
export interface DpopKey {
	signing: AssertionKey;
	publicJwk: JsonWebKey;
	/** PKCS#8 PEM of a generated key (stored with the token); undefined for a pasted key. */
	storedPem?: string;
}

/** Keys are read before every request: parsed (and their public JWK made) once per process. */
const storedKeys = new ParsedCache<DpopKey>();
const pastedKeys = new ParsedCache<DpopKey>();

/** A new ES256 (P-256) key pair: RFC 9449's most widely supported proof algorithm. */
export function generateDpopKey(): DpopKey {
	const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const storedPem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
	return { ...dpopKeyOf('DPoP key', privateKey), storedPem };
}

/** The generated key kept with a stored token, parsed once per process. */
export function storedDpopKey(pem: string): DpopKey {
	return storedKeys.get(pem, () => ({ ...dpopKeyOf('The stored DPoP key', readPrivateKey('The stored DPoP key', pem)), storedPem: pem }));
}

/** The DPoP Private Key field: an EC (P-256, P-384), RSA or Ed25519 PEM key. */
export function pastedDpopKey(pem: string): DpopKey {
	return pastedKeys.get(pem, () => dpopKeyOf('DPoP Private Key', readPrivateKey('DPoP Private Key', pem, { edwards: true })));
}

function dpopKeyOf(label: string, privateKey: KeyObject): DpopKey {
	const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
	switch (privateKey.asymmetricKeyType) {
		case 'ec':
			if (publicJwk.crv === 'P-256') return { signing: { algorithm: 'ES256', privateKey }, publicJwk };
			if (publicJwk.crv === 'P-384') return { signing: { algorithm: 'ES384', privateKey }, publicJwk };
			throw new TokenAuthError('SETTINGS_INVALID', `${label} is an EC key on ${String(publicJwk.crv)}: use P-256 or P-384`);
		case 'ed25519':
			return { signing: { algorithm: 'EdDSA', privateKey }, publicJwk };
		default:
			// RS256: the RSA algorithm every DPoP server accepts (RFC 9449 names no mandatory one).
			return { signing: { algorithm: 'RS256', privateKey }, publicJwk };
	}
}

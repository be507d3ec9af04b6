import { constants, createHmac, sign, type KeyObject } from 'crypto';

import type { AsymmetricAlgorithm, HmacAlgorithm, SigningAlgorithm } from './algorithm';
import type { CertificateThumbprints } from './certificate';

/**
 * What signs a JWT: a private key with its algorithm, or a shared secret for HMAC (the client
 * secret for HS256 client assertions). A private key may name its certificate by thumbprint,
 * which Microsoft Entra ID requires.
 */
export type AssertionKey =
	| { algorithm: AsymmetricAlgorithm | 'EdDSA'; privateKey: KeyObject; keyId?: string; thumbprints?: CertificateThumbprints }
	| { algorithm: HmacAlgorithm; secret: string | Buffer; keyId?: string };

const DIGEST_OF: Record<SigningAlgorithm, string | null> = {
	RS256: 'sha256',
	RS384: 'sha384',
	RS512: 'sha512',
	PS256: 'sha256',
	ES256: 'sha256',
	ES384: 'sha384',
	HS256: 'sha256',
	HS384: 'sha384',
	HS512: 'sha512',
	// Ed25519 hashes inside the algorithm (RFC 8032): node:crypto takes no digest for it.
	EdDSA: null,
};

/**
 * A compact JWS (RFC 7515 section 7.1) of the claims, header {alg, typ: "JWT", kid?, x5t#S256?,
 * x5t?, ...extraHeader}. The caller keeps `alg` and `kid` out of extraHeader.
 */
export function signJwt(claims: Record<string, unknown>, key: AssertionKey, extraHeader: Record<string, unknown> = {}): string {
	const header: Record<string, unknown> = { alg: key.algorithm, typ: 'JWT' };
	if ('keyId' in key && key.keyId !== undefined && key.keyId !== '') header.kid = key.keyId;
	if ('thumbprints' in key && key.thumbprints !== undefined) {
		header['x5t#S256'] = key.thumbprints.x5tS256;
		header.x5t = key.thumbprints.x5t;
	}
	Object.assign(header, extraHeader);
	const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
	return `${signingInput}.${jwsSignature(signingInput, key).toString('base64url')}`;
}

/** The JWS signature of a signing input (RFC 7515 section 5.1), for the published examples' tests. */
export function jwsSignature(signingInput: string, key: AssertionKey): Buffer {
	const digest = DIGEST_OF[key.algorithm];
	const data = Buffer.from(signingInput);
	if ('secret' in key) return createHmac(digest as string, key.secret).update(data).digest();
	switch (key.algorithm) {
		case 'EdDSA':
			return sign(null, data, key.privateKey);
		case 'ES256':
		case 'ES384':
			// JWS wants r||s of fixed length (RFC 7518 section 3.4), not OpenSSL's DER.
			return sign(digest, data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
		case 'PS256':
			// RFC 7518 section 3.5: MGF1 with the same hash, salt as long as the hash.
			return sign(digest, data, { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
		default:
			return sign(digest as string, data, key.privateKey);
	}
}

function base64url(text: string): string {
	return Buffer.from(text).toString('base64url');
}

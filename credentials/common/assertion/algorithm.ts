import type { KeyObject } from 'crypto';

import { TokenAuthError } from '../errors';

/** The JWS algorithms an assertion can be signed with (RFC 7518 section 3.1). */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];
/** HMAC with SHA-2 (RFC 7518 section 3.2): the shared secret signs. */
export const HMAC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
export type HmacAlgorithm = (typeof HMAC_ALGORITHMS)[number];
/** What a private key can sign with: the assertion algorithms, and EdDSA (RFC 8037) for Ed25519 keys. */
export type KeyAlgorithm = AsymmetricAlgorithm | 'EdDSA';
export type SigningAlgorithm = KeyAlgorithm | HmacAlgorithm;
/** Every algorithm a self-signed JWT can use, in the order the Signing Algorithm field lists them. */
export const JWS_ALGORITHMS: readonly SigningAlgorithm[] = [...HMAC_ALGORITHMS, ...ASYMMETRIC_ALGORITHMS, 'EdDSA'];

/** RFC 7518 section 3.2: an HMAC key at least as long as the hash output; jose refuses shorter ones. */
const MIN_HMAC_BYTES: Record<HmacAlgorithm, number> = { HS256: 32, HS384: 48, HS512: 64 };

export function isHmacAlgorithm(algorithm: SigningAlgorithm): algorithm is HmacAlgorithm {
	return (HMAC_ALGORITHMS as readonly string[]).includes(algorithm);
}

/** Throws, without the secret, when the secret is shorter than the algorithm requires. */
export function checkHmacSecretLength(label: string, algorithm: HmacAlgorithm, secret: Buffer): void {
	const needed = MIN_HMAC_BYTES[algorithm];
	if (secret.length < needed) {
		throw new TokenAuthError(
			'SETTINGS_INVALID',
			`${label} is ${secret.length} bytes long; ${algorithm} needs at least ${needed} bytes (RFC 7518 section 3.2): use a longer secret or a shorter hash`,
		);
	}
}

/** The curve each ECDSA algorithm is defined on (RFC 7518 section 3.4), as node:crypto names it. */
const CURVE_OF: Partial<Record<AsymmetricAlgorithm, { nodeName: string; name: string }>> = {
	ES256: { nodeName: 'prime256v1', name: 'P-256' },
	ES384: { nodeName: 'secp384r1', name: 'P-384' },
};

/** RFC 7518 section 3.3: RSA keys of 2048 bits or more; servers (jose, oidc-provider) refuse less. */
const MIN_RSA_BITS = 2048;

/** Throws naming the mismatch when the algorithm cannot sign with this key. */
export function checkAlgorithmFitsKey(label: string, algorithm: KeyAlgorithm, key: KeyObject): void {
	const type = key.asymmetricKeyType;
	const details = key.asymmetricKeyDetails ?? {};
	if (algorithm === 'EdDSA') {
		if (type !== 'ed25519' && type !== 'ed448') throw new TokenAuthError('SETTINGS_INVALID', `EdDSA needs an Ed25519 key, but ${label} is ${describeKey(key)}`);
		return;
	}
	const curve = CURVE_OF[algorithm];
	if (curve !== undefined) {
		if (type !== 'ec') throw new TokenAuthError('SETTINGS_INVALID', `${algorithm} needs an EC key on curve ${curve.name}, but ${label} is ${describeKey(key)}`);
		if (details.namedCurve !== curve.nodeName) {
			throw new TokenAuthError('SETTINGS_INVALID', `${algorithm} needs an EC key on curve ${curve.name}, but ${label} is ${describeKey(key)}`);
		}
		return;
	}
	const fits = type === 'rsa' || (algorithm === 'PS256' && type === 'rsa-pss');
	if (!fits) throw new TokenAuthError('SETTINGS_INVALID', `${algorithm} needs an RSA key, but ${label} is ${describeKey(key)}`);
	if ((details.modulusLength ?? 0) < MIN_RSA_BITS) {
		throw new TokenAuthError('SETTINGS_INVALID', `${label} is ${describeKey(key)}; ${algorithm} needs at least ${MIN_RSA_BITS} bits`);
	}
}

/** What a key is, without anything of the key itself: "an RSA key (2048 bits)", "an EC key on P-256". */
export function describeKey(key: KeyObject): string {
	const details = key.asymmetricKeyDetails ?? {};
	if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss') {
		return `an RSA key (${details.modulusLength ?? '?'} bits)`;
	}
	if (key.asymmetricKeyType === 'ec') return `an EC key on ${curveName(details.namedCurve)}`;
	if (key.asymmetricKeyType === 'ed25519') return 'an Ed25519 key';
	return `an ${String(key.asymmetricKeyType)} key`;
}

function curveName(nodeName: string | undefined): string {
	const known = Object.values(CURVE_OF).find((curve) => curve?.nodeName === nodeName);
	return known?.name ?? String(nodeName);
}

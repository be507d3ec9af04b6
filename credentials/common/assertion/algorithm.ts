import type { KeyObject } from 'crypto';

import { TokenAuthError } from '../errors';

/** The JWS algorithms an assertion can be signed with (RFC 7518 section 3.1). */
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384'] as const;
export type AsymmetricAlgorithm = (typeof ASYMMETRIC_ALGORITHMS)[number];
export type SigningAlgorithm = AsymmetricAlgorithm | 'HS256';

/** The curve each ECDSA algorithm is defined on (RFC 7518 section 3.4), as node:crypto names it. */
const CURVE_OF: Partial<Record<AsymmetricAlgorithm, { nodeName: string; name: string }>> = {
	ES256: { nodeName: 'prime256v1', name: 'P-256' },
	ES384: { nodeName: 'secp384r1', name: 'P-384' },
};

/** RFC 7518 section 3.3: RSA keys of 2048 bits or more; servers (jose, oidc-provider) refuse less. */
const MIN_RSA_BITS = 2048;

/** Throws naming the mismatch when the algorithm cannot sign with this key. */
export function checkAlgorithmFitsKey(label: string, algorithm: AsymmetricAlgorithm, key: KeyObject): void {
	const type = key.asymmetricKeyType;
	const details = key.asymmetricKeyDetails ?? {};
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
	return `an ${String(key.asymmetricKeyType)} key`;
}

function curveName(nodeName: string | undefined): string {
	const known = Object.values(CURVE_OF).find((curve) => curve?.nodeName === nodeName);
	return known?.name ?? String(nodeName);
}

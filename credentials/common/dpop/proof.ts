import { createHash, randomUUID } from 'crypto';

import { signJwt } from '../assertion';
import type { DpopKey } from './key';

/** What one proof is for (RFC 9449 section 4.2): the request, and the token or nonce it covers. */
export interface ProofTarget {
	/** The request's method, upper case. */
	htm: string;
	/** The request's URL without query and fragment. */
	htu: string;
	/** The access token an API request carries (its hash becomes `ath`). */
	accessToken?: string;
	/** The server's last DPoP-Nonce. */
	nonce?: string;
}

/** A DPoP proof: a JWT of type `dpop+jwt` with the public key in its header, new `jti` each time. */
export function dpopProof(key: DpopKey, target: ProofTarget, now = Date.now()): string {
	const claims: Record<string, unknown> = { jti: randomUUID(), htm: target.htm, htu: target.htu, iat: Math.floor(now / 1000) };
	if (target.accessToken !== undefined) claims.ath = accessTokenHash(target.accessToken);
	if (target.nonce !== undefined) claims.nonce = target.nonce;
	return signJwt(claims, key.signing, { typ: 'dpop+jwt', jwk: key.publicJwk });
}

/** `ath`: base64url of the SHA-256 of the access token's ASCII text (section 4.2). */
export function accessTokenHash(accessToken: string): string {
	return createHash('sha256').update(accessToken, 'ascii').digest('base64url');
}

/** A URL as `htu` wants it: no query, no fragment (section 4.2). */
export function htuOf(url: string): string {
	const parsed = new URL(url);
	return `${parsed.origin}${parsed.pathname}`;
}

import type { WireRequest } from '../wire';

/** When a request is signed: the clock and a fresh nonce, both new for every try. */
export interface SigningMoment {
	now: Date;
	/** 32 hex characters from node:crypto, unless the scheme makes its own (Kraken's counter). */
	nonce: string;
}

/** A value the signature covers that travels in the query or the body (Binance's `timestamp`, Kraken's `nonce`). */
export interface SignedParameter {
	in: 'query' | 'body';
	name: string;
	value: string;
}

/** What a signer adds to the request: headers (replacing any of the same name) and query parameters (appended). */
export interface RequestSignature {
	headers: Record<string, string>;
	query: Array<[string, string]>;
}

/**
 * The one shape every per-request signer has (HMAC presets, RFC 9421, AWS Signature V4): the
 * request as it goes on the wire in, what to add to it out. `signRequest` (`sign-request.ts`)
 * runs it against the request n8n hands `authenticate`.
 */
export interface RequestSigner {
	/** Parameters added to the request before signing, so that the signature covers them. */
	signedParameters(moment: SigningMoment): SignedParameter[];
	/** Query and form-body names this signer writes: a retried request's old values are removed first. */
	ownParameterNames: readonly string[];
	sign(wire: WireRequest, moment: SigningMoment): RequestSignature;
}

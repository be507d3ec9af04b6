import type { SignatureEncoding, TimestampFormat } from '../encodings';
import type { StringToSign } from '../string-to-sign';

export const HMAC_ALGORITHMS = ['sha256', 'sha384', 'sha512', 'sha1'] as const;
export type HmacAlgorithm = (typeof HMAC_ALGORITHMS)[number];

/** Where a value travels: a header (with a prefix before the value), a query or body parameter, or nowhere. */
export type ValuePlacement =
	| { in: 'header'; name: string; prefix: string }
	| { in: 'query' | 'body'; name: string }
	| { in: 'none' };

export const NOWHERE: ValuePlacement = { in: 'none' };

/** Everything an HMAC signer needs, read and checked from the credential (`read-hmac-settings.ts`). */
export interface HmacSettings {
	algorithm: HmacAlgorithm;
	secret: Buffer;
	apiKey: string;
	passphrase: string;
	recvWindow: string;
	/** The message signed: a String to Sign, or Kraken's `path + SHA-256(nonce + body)`. */
	message: StringToSign | 'kraken';
	timestampFormat: TimestampFormat;
	signatureEncoding: SignatureEncoding;
	/** A counter that only grows (Kraken), or 32 random hex characters. */
	nonceKind: 'random' | 'increasing';
	place: {
		signature: ValuePlacement;
		apiKey: ValuePlacement;
		timestamp: ValuePlacement;
		nonce: ValuePlacement;
		passphrase: ValuePlacement;
		recvWindow: ValuePlacement;
	};
}

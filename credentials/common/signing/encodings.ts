export const SIGNATURE_ENCODINGS = ['hex', 'base64', 'base64url'] as const;
export type SignatureEncoding = (typeof SIGNATURE_ENCODINGS)[number];

export const TIMESTAMP_FORMATS = ['unixSeconds', 'unixMilliseconds', 'iso8601'] as const;
export type TimestampFormat = (typeof TIMESTAMP_FORMATS)[number];

export function encodeSignature(signature: Buffer, encoding: SignatureEncoding): string {
	return signature.toString(encoding);
}

/** `1700000000`, `1700000000123` or `2023-11-14T22:13:20.123Z` (milliseconds, UTC, as OKX wants). */
export function formatTimestamp(now: Date, format: TimestampFormat): string {
	switch (format) {
		case 'unixSeconds':
			return String(Math.floor(now.getTime() / 1000));
		case 'unixMilliseconds':
			return String(now.getTime());
		case 'iso8601':
			return now.toISOString();
	}
}

import { createHash } from 'crypto';

import { decodeQueryComponent, encodeRfc3986, type WireRequest } from '../../wire';

/**
 * The steps of AWS's "Create a canonical request" (Signature Version 4), each on its own so that
 * each can be checked against AWS's test suite: the path encoded once more (S3 signs it as sent),
 * the query decoded and re-encoded strictly (RFC 3986, spaces as %20, `~` kept, `+` read as a
 * space as AWS reads it), sorted by key then value; header values trimmed, inner spaces folded.
 */
export function canonicalPath(wire: WireRequest, service: string): string {
	if (service === 's3') return wire.path;
	return encodeRfc3986(wire.path).replace(/%2F/g, '/');
}

export function canonicalQuery(query: string): string {
	if (query === '') return '';
	return query
		.split('&')
		.filter((pair) => pair !== '')
		.map((pair) => {
			const separator = pair.indexOf('=');
			const key = separator === -1 ? pair : pair.slice(0, separator);
			const value = separator === -1 ? '' : pair.slice(separator + 1);
			return [encodeRfc3986(decodeQueryComponent(key)), encodeRfc3986(decodeQueryComponent(value))] as const;
		})
		.filter(([key]) => key.toLowerCase() !== 'x-amz-signature')
		.sort(([keyA, valueA], [keyB, valueB]) => compare(keyA, keyB) || compare(valueA, valueB))
		.map(([key, value]) => `${key}=${value}`)
		.join('&');
}

/** `name:value\n` per header (names lower case, sorted), and the `;`-joined names. */
export function canonicalHeaders(headers: Record<string, string>): { text: string; signedHeaders: string } {
	const names = Object.keys(headers)
		.map((name) => name.toLowerCase())
		.sort(compare);
	const lowered: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) lowered[name.toLowerCase()] = value.trim().replace(/\s+/g, ' ');
	return { text: names.map((name) => `${name}:${lowered[name]}\n`).join(''), signedHeaders: names.join(';') };
}

export function canonicalRequest(wire: WireRequest, service: string, headers: Record<string, string>, payloadHash: string): { text: string; signedHeaders: string } {
	const canonical = canonicalHeaders(headers);
	const text = [wire.method, canonicalPath(wire, service), canonicalQuery(wire.query), canonical.text, canonical.signedHeaders, payloadHash].join('\n');
	return { text, signedHeaders: canonical.signedHeaders };
}

export function sha256Hex(data: string | Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

/** Code-point order, as AWS sorts (not the locale's). */
function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

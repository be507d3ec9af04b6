/**
 * The query string n8n's HTTP client builds from a request's `qs` object: `qs.stringify` with
 * RFC 3986 encoding (keys too, so `a[0]` is `a%5B0%5D`), arrays as indices unless the request
 * asks for `repeat`, `brackets` or `comma`, `null` as `key=`, `undefined` and empty arrays left out.
 * A `URLSearchParams` is serialized by itself (spaces as `+`), as axios does.
 */
export type ArrayFormat = 'indices' | 'brackets' | 'repeat' | 'comma';

export function serializeQuery(params: unknown, arrayFormat: ArrayFormat = 'indices'): string {
	if (params instanceof URLSearchParams) return params.toString();
	if (typeof params !== 'object' || params === null) return '';
	const pairs: Array<[string, string]> = [];
	for (const key of Object.keys(params)) collectPairs(key, (params as Record<string, unknown>)[key], arrayFormat, pairs);
	return pairs.map(([key, value]) => `${encodeRfc3986(key)}=${encodeRfc3986(value)}`).join('&');
}

function collectPairs(prefix: string, value: unknown, arrayFormat: ArrayFormat, pairs: Array<[string, string]>): void {
	if (value === undefined) return;
	if (value === null) {
		pairs.push([prefix, '']);
		return;
	}
	if (value instanceof Date) {
		pairs.push([prefix, value.toISOString()]);
		return;
	}
	if (Array.isArray(value)) {
		if (arrayFormat === 'comma') {
			if (value.length > 0) pairs.push([prefix, value.map((item) => (item === null || item === undefined ? '' : String(item))).join(',')]);
			return;
		}
		value.forEach((item, index) => {
			const key = arrayFormat === 'indices' ? `${prefix}[${index}]` : arrayFormat === 'brackets' ? `${prefix}[]` : prefix;
			collectPairs(key, item, arrayFormat, pairs);
		});
		return;
	}
	if (typeof value === 'object') {
		for (const key of Object.keys(value)) collectPairs(`${prefix}[${key}]`, (value as Record<string, unknown>)[key], arrayFormat, pairs);
		return;
	}
	pairs.push([prefix, String(value)]);
}

/** Every byte but the unreserved `A-Z a-z 0-9 - . _ ~` as `%XX` (upper-case hex). */
export function encodeRfc3986(text: string): string {
	return encodeURIComponent(text).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The query without the parameters named (compared decoded): a signer that puts its signature
 * or timestamp in the query removes the previous try's before signing again, since n8n hands a
 * retried request to `authenticate` with the URL it sent the first time.
 */
export function withoutQueryParameters(query: string, names: readonly string[]): string {
	if (query === '' || names.length === 0) return query;
	return query
		.split('&')
		.filter((pair) => !names.includes(decodeQueryComponent(pair.split('=')[0])))
		.join('&');
}

/** A query key or value as text: `+` is a space, a broken `%` escape is kept as written. */
export function decodeQueryComponent(text: string): string {
	const spaced = text.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(spaced);
	} catch {
		return spaced;
	}
}

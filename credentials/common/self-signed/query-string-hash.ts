import { createHash } from 'crypto';

import { decodeQueryComponent, encodeRfc3986 } from '../wire';

/** What Atlassian's query string hash covers of a request, as it goes on the wire. */
export interface HashedRequest {
	/** Upper case. */
	method: string;
	/** Percent-encoded, as sent, without the query. */
	path: string;
	/** As sent, without the `?`. */
	query: string;
}

/**
 * Atlassian Connect's `qsh` claim: the SHA-256 (hex) of the canonical request
 * `METHOD&canonical-path&canonical-query`, as "Understanding JWT for Connect apps" documents
 * (https://developer.atlassian.com/cloud/jira/platform/understanding-jwt-for-connect-apps/):
 * the path relative to the product's base URL (`/wiki` on Confluence), `&` in it encoded, no
 * trailing `/`; the query without `jwt`, names and values decoded then percent-encoded as RFC 3986
 * says, sorted by name, a repeated name's values sorted and joined with `,`.
 */
export function queryStringHash(request: HashedRequest, basePath: string): string {
	return createHash('sha256').update(canonicalRequest(request, basePath)).digest('hex');
}

export function canonicalRequest(request: HashedRequest, basePath: string): string {
	return `${request.method.toUpperCase()}&${canonicalPath(request.path, basePath)}&${canonicalQuery(request.query)}`;
}

function canonicalPath(path: string, basePath: string): string {
	const base = basePath.replace(/\/+$/, '');
	let relative = base !== '' && (path === base || path.startsWith(`${base}/`)) ? path.slice(base.length) : path;
	if (relative === '') return '/';
	relative = relative.replace(/&/g, '%26');
	if (!relative.startsWith('/')) relative = `/${relative}`;
	return relative.length > 1 && relative.endsWith('/') ? relative.slice(0, -1) : relative;
}

function canonicalQuery(query: string): string {
	const values = new Map<string, string[]>();
	for (const pair of query.split('&')) {
		if (pair === '') continue;
		const at = pair.indexOf('=');
		const name = encodeRfc3986(decodeQueryComponent(at === -1 ? pair : pair.slice(0, at)));
		if (name === 'jwt') continue;
		const value = encodeRfc3986(decodeQueryComponent(at === -1 ? '' : pair.slice(at + 1)));
		const named = values.get(name);
		if (named === undefined) values.set(name, [value]);
		else named.push(value);
	}
	return [...values.keys()]
		.sort(byCodeUnit)
		.map((name) => `${name}=${values.get(name)!.sort(byCodeUnit).join(',')}`)
		.join('&');
}

function byCodeUnit(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

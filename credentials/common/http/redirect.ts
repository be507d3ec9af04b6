import type { IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { TokenAuthError } from '../errors';

/** The error of a redirect the token call does not follow. */
export function redirectRefused(message: string): TokenAuthError {
	return new TokenAuthError(message, { code: 'REDIRECT_REFUSED' });
}

/** More hops than this and the token call fails: a login needs one, perhaps two. */
export const MAX_TOKEN_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

export function isRedirect(status: number): boolean {
	return REDIRECT_STATUSES.has(status);
}

/**
 * The request to send after a redirect of a token request, or a TokenAuthError saying why not.
 * The login (Authorization header, form body with the password) may only go where the user sent
 * it: the same origin, or the same host and port moved from http to https (the way HSTS upgrades;
 * http on the default port 80 may move to https on 443). Any other host or port, and any move from
 * https to http, is refused before anything is sent there.
 *
 * Methods change as browsers and n8n's own follower change them: 303 turns anything but HEAD into
 * a GET, 301 and 302 turn a POST into a GET; a GET drops the body and its Content-* headers. 307
 * and 308 repeat the request as it was, body included.
 */
export function redirectedRequest(
	request: IHttpRequestOptions,
	status: number,
	location: unknown,
): IHttpRequestOptions {
	const from = new URL(request.url);
	const to = parseLocation(location, from);
	if (to.username !== '' || to.password !== '') {
		throw redirectRefused(
			`The token endpoint redirected to ${to.origin} with a user name or password in the URL: the login was not sent there`,
		);
	}
	if (from.protocol === 'https:' && to.protocol === 'http:') {
		throw redirectRefused(
			`The token endpoint redirected from https to plain http (${to.origin}): the login was not sent unencrypted`,
		);
	}
	if (!sameOrigin(from, to) && !upgradesToHttps(from, to)) {
		throw redirectRefused(
			`The token endpoint redirected to ${to.origin}, another origin than ${from.origin}: ` +
				'the login was not sent there. Enter the final URL as the token URL if that server is the right one',
		);
	}
	const method = methodAfter(status, (request.method ?? 'GET').toUpperCase() as IHttpRequestMethods);
	if (method === 'GET' && (request.method ?? 'GET').toUpperCase() !== 'GET') {
		return { ...request, url: to.href, method, body: undefined, headers: withoutContentHeaders(request.headers) };
	}
	return { ...request, url: to.href, method };
}

function parseLocation(location: unknown, from: URL): URL {
	const text = Array.isArray(location) ? location[0] : location;
	let to: URL | undefined;
	try {
		to = typeof text === 'string' && text !== '' ? new URL(text, from) : undefined;
	} catch {
		to = undefined;
	}
	if (to === undefined) {
		throw redirectRefused('The token endpoint answered a redirect without a valid Location: the token call stopped there');
	}
	if (to.protocol !== 'http:' && to.protocol !== 'https:') {
		throw redirectRefused(`The token endpoint redirected to a ${to.protocol} URL: the login was not sent there`);
	}
	return to;
}

function sameOrigin(from: URL, to: URL): boolean {
	return from.origin === to.origin;
}

function upgradesToHttps(from: URL, to: URL): boolean {
	if (from.protocol !== 'http:' || to.protocol !== 'https:' || from.hostname !== to.hostname) return false;
	const fromPort = from.port || DEFAULT_PORTS['http:'];
	const toPort = to.port || DEFAULT_PORTS['https:'];
	return fromPort === toPort || (fromPort === '80' && toPort === '443');
}

function methodAfter(status: number, method: IHttpRequestMethods): IHttpRequestMethods {
	if (status === 303 && method !== 'HEAD') return 'GET';
	if ((status === 301 || status === 302) && method === 'POST') return 'GET';
	return method;
}

function withoutContentHeaders(headers: IHttpRequestOptions['headers']): IHttpRequestOptions['headers'] {
	if (headers === undefined) return undefined;
	return Object.fromEntries(Object.entries(headers).filter(([name]) => !/^content-/i.test(name)));
}

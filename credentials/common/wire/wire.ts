import { TokenAuthError } from '../errors';
import { takeHeader } from '../placement';
import { headerValue, serializeBody, type LooseRequest } from './body';
import { serializeQuery, type ArrayFormat } from './query-string';
import type { WireRequest } from './wire-request';

/**
 * The request `authenticate` is handed, as it will go on the wire: the legacy shape of the HTTP
 * Request node (`uri`, `qs`, `body` with `json`, `form`, `formData`) or the other nodes' shape
 * (`url`, `baseURL`, `qs`, `body`). Nothing on the request changes: see `pinWireRequest`.
 */
export function readWireRequest(requestOptions: object): WireRequest {
	return wireOf(requestOptions as LooseRequest).wire;
}

/**
 * The request as it will go on the wire, written back so that n8n sends exactly it (as n8n's own
 * AWS credential does): the query folded into the URL (`qs` unset, `baseURL` folded in), the body
 * set to the serialized text or bytes, the content type n8n's client would have added set. A
 * signer calls this before signing the URL or body. Calling it again on the result changes
 * nothing, which matters because n8n hands a retried request to `authenticate` once more.
 */
export function pinWireRequest(requestOptions: object): WireRequest {
	const request = requestOptions as LooseRequest;
	const { wire, href, sendAs, contentType, legacy } = wireOf(request);
	if (legacy) {
		request[request.url !== undefined ? 'url' : 'uri'] = href;
		delete request.form;
	} else {
		request.url = href;
	}
	delete request.baseURL;
	request.qs = undefined;
	if (wire.body.kind === 'bytes') request.body = sendAs;
	if (contentType !== undefined) {
		takeHeader(request as never, 'content-type');
		request.headers = { ...request.headers, 'content-type': contentType };
	}
	return wire;
}

function wireOf(request: LooseRequest) {
	const legacy = request.uri !== undefined;
	const method = String(request.method ?? 'GET').toUpperCase();
	const url = targetUrl(request, legacy);
	const { body, sendAs, contentType } = serializeBody(request, legacy, method);
	const headers: Record<string, string> = {};
	for (const name of Object.keys(request.headers ?? {})) {
		const value = headerValue(request.headers, name);
		if (value !== undefined) headers[name.toLowerCase()] = value;
	}
	if (contentType !== undefined) headers['content-type'] = contentType;
	const wire: WireRequest = {
		method,
		scheme: url.protocol === 'https:' ? 'https' : 'http',
		host: url.host,
		path: url.pathname === '' ? '/' : url.pathname,
		query: url.search.replace(/^\?/, ''),
		headers,
		body,
	};
	url.hash = '';
	return { wire, href: url.href, sendAs, contentType, legacy };
}

/** The URL axios builds: `baseURL` joined to a relative target, the `qs` appended, then parsed. */
function targetUrl(request: LooseRequest, legacy: boolean): URL {
	const target = String((legacy ? (request.url ?? request.uri) : request.url) ?? '');
	const base = request.baseURL === undefined || request.baseURL === null ? undefined : String(request.baseURL);
	let full = base !== undefined && !/^([a-z][a-z\d+\-.]*:)?\/\//i.test(target) ? joinUrl(base, target) : target;
	const query = serializeQuery(request.qs, arrayFormatOf(request, legacy));
	if (query !== '') full = `${full.split('#')[0]}${full.includes('?') ? '&' : '?'}${query}`;
	const url = parsedUrl(full);
	if (url === undefined) {
		throw new TokenAuthError('REQUEST_UNSIGNABLE', 'The request URL is not a full URL (scheme and host), so it cannot be signed');
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new TokenAuthError('REQUEST_UNSIGNABLE', `The request URL uses ${url.protocol} where http: or https: is needed`);
	}
	return url;
}

function parsedUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/** axios's `combineURLs`. */
function joinUrl(base: string, relative: string): string {
	return relative === '' ? base : `${base.replace(/\/?\/$/, '')}/${relative.replace(/^\/+/, '')}`;
}

/** How arrays in `qs` are written: the legacy options `useQuerystring`/`qsStringifyOptions`, or `arrayFormat`. */
function arrayFormatOf(request: LooseRequest, legacy: boolean): ArrayFormat {
	if (!legacy) return (request.arrayFormat as ArrayFormat | undefined) ?? 'indices';
	const asked = (request.qsStringifyOptions as { arrayFormat?: string } | undefined)?.arrayFormat;
	if (asked === 'brackets') return 'brackets';
	if (request.useQuerystring === true || asked === 'repeat') return 'repeat';
	return 'indices';
}

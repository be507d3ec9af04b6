import type { WireBody } from './wire-request';
import { serializeQuery } from './query-string';

/** The request options as `authenticate` gets them, either shape, read loosely. */
export type LooseRequest = Record<string, unknown> & { headers?: Record<string, unknown> };

/**
 * The body's bytes as n8n's HTTP client will send them, and what to set on the request so that
 * it sends exactly those bytes (`sendAs`, with `contentType` when the client would have added
 * one). The rules follow n8n's two converters (`@n8n/backend-network` `http/axios/legacy.ts` for
 * the HTTP Request node's legacy shape, `http/axios/request.ts` for the others) and axios's own
 * `transformRequest`: objects become JSON, a string under a JSON content type is trimmed (or
 * quoted when it is not JSON), forms are `qs`-encoded.
 */
export interface SerializedBody {
	body: WireBody;
	sendAs?: string | Buffer;
	contentType?: string;
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';
const EMPTY: SerializedBody = { body: { kind: 'bytes', bytes: Buffer.alloc(0) }, sendAs: undefined };

export function serializeBody(request: LooseRequest, legacy: boolean, method: string): SerializedBody {
	const contentType = headerValue(request.headers, 'content-type');
	const { body, formData } = request;
	if (formData !== undefined || isMultipart(body) || contentType?.includes('multipart/form-data') === true) {
		return { body: { kind: 'unsignable', why: 'multipart' } };
	}
	if (isStream(body)) return { body: { kind: 'unsignable', why: 'stream' } };
	return legacy ? legacyBody(request, contentType) : modernBody(body, contentType, method);
}

function legacyBody(request: LooseRequest, contentType: string | undefined): SerializedBody {
	const { body, form } = request;
	if (contentType === FORM) {
		if (typeof body === 'string') return text(body);
		const fields = { ...(body as object | undefined), ...(form as object | undefined) };
		return text(serializeQuery(fields, request.useQuerystring === true ? 'repeat' : 'indices'));
	}
	if (form !== undefined && body === undefined) {
		return text(typeof form === 'string' ? form : serializeQuery(form), FORM);
	}
	const value = form !== undefined && typeof body === 'object' && body !== null ? { ...body, ...(form as object) } : body;
	if (value === undefined || value === null || value === '') return EMPTY;
	if (Buffer.isBuffer(value)) return bytes(value);
	// The legacy converter adds `content-type: application/json` to any non-Buffer body unless `json: false`.
	const impliedType = contentType === undefined && request.json !== false ? JSON_TYPE : undefined;
	return valueBody(value, contentType ?? impliedType, impliedType);
}

function modernBody(body: unknown, contentType: string | undefined, method: string): SerializedBody {
	// n8n's converter drops the body of a GET, and never sets a falsy or empty-object body.
	if (method === 'GET' || !body) return EMPTY;
	if (Buffer.isBuffer(body)) return bytes(body);
	if (typeof body === 'object' && !(body instanceof URLSearchParams) && Object.keys(body).length === 0) return EMPTY;
	if (contentType === FORM && typeof body === 'object' && !(body instanceof URLSearchParams)) return text(serializeQuery(body));
	return valueBody(body, contentType, undefined);
}

/** A string, URLSearchParams or object body under `contentType` (the one sent). */
function valueBody(value: unknown, contentType: string | undefined, addContentType: string | undefined): SerializedBody {
	if (value instanceof URLSearchParams) return text(value.toString(), contentType === undefined ? FORM : addContentType);
	if (typeof value === 'string') {
		return text(contentType?.includes(JSON_TYPE) === true ? axiosJsonText(value) : value, addContentType);
	}
	if (typeof value === 'object') return text(JSON.stringify(value), contentType === undefined ? JSON_TYPE : addContentType);
	return text(String(value), addContentType);
}

/** What axios sends for a string under a JSON content type: trimmed when it parses, else quoted. */
function axiosJsonText(value: string): string {
	try {
		JSON.parse(value);
		return value.trim();
	} catch {
		return JSON.stringify(value);
	}
}

function text(value: string, contentType?: string): SerializedBody {
	return { body: { kind: 'bytes', bytes: Buffer.from(value, 'utf8') }, sendAs: value, contentType };
}

function bytes(value: Buffer): SerializedBody {
	return { body: { kind: 'bytes', bytes: value }, sendAs: value };
}

/** A header's value whatever the case of its name; several values joined as n8n's client joins them. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	if (headers === undefined || headers === null) return undefined;
	const lowerName = name.toLowerCase();
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() !== lowerName) continue;
		const value = headers[key];
		if (value === undefined || value === null) continue;
		return Array.isArray(value) ? value.join(', ') : String(value);
	}
	return undefined;
}

function isMultipart(body: unknown): boolean {
	if (typeof FormData !== 'undefined' && body instanceof FormData) return true;
	return typeof body === 'object' && body !== null && typeof (body as { getBoundary?: unknown }).getBoundary === 'function';
}

function isStream(body: unknown): boolean {
	return typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function';
}

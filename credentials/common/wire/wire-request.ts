/**
 * A request as it goes on the wire: what a signature may cover. Built from the options n8n hands
 * `authenticate` (`wire.ts`); every value is the exact text or bytes n8n's HTTP client sends.
 */
export interface WireRequest {
	/** Upper case: `GET`, `POST`, ... */
	method: string;
	scheme: 'http' | 'https';
	/** The Host header: host name, and the port when it is not the scheme's default. */
	host: string;
	/** Percent-encoded, as sent (`/a%20b`); `/` at least. */
	path: string;
	/** As sent, without the `?`; '' when there is none. */
	query: string;
	/** The headers the request carries when `authenticate` runs, names in lower case. */
	headers: Record<string, string>;
	body: WireBody;
}

/**
 * The body: its bytes (empty when there is none), or why its bytes cannot be known before n8n
 * sends it (a multipart form gets its boundary from the HTTP client; a stream is read once).
 */
export type WireBody = { kind: 'bytes'; bytes: Buffer } | { kind: 'unsignable'; why: 'multipart' | 'stream' };

/** The request's URL as sent: `scheme://host/path?query`. */
export function wireUrl(request: WireRequest): string {
	return `${request.scheme}://${request.host}${request.path}${request.query === '' ? '' : `?${request.query}`}`;
}

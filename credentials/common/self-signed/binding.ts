import type { Binding } from './presets';
import { queryStringHash } from './query-string-hash';

/** What a bound JWT names of its request: read from the request as it goes on the wire. */
export interface BoundRequest {
	/** Upper case. */
	method: string;
	/** The Host header: the port only when it is not the scheme's default. */
	host: string;
	/** Percent-encoded as sent, without the query. */
	path: string;
	/** As sent, without the `?`. */
	query: string;
}

/**
 * The claims that tie a JWT to one request (Bind To Request). Coinbase's documented form is
 * `uri: "GET api.coinbase.com/api/v3/brokerage/accounts"`: method, a space, host and path, no
 * scheme and no query; the CDP SDK sends the same text as the one element of `uris`. Atlassian
 * Connect's `qsh` hashes method, path (after the product's `basePath`) and query.
 */
export function bindingClaims(binding: Binding, request: BoundRequest | undefined, basePath = ''): Record<string, unknown> {
	if (binding === 'none' || request === undefined) return {};
	if (binding === 'qsh') return { qsh: queryStringHash(request, basePath) };
	const uri = `${request.method} ${request.host}${request.path}`;
	return binding === 'uri' ? { uri } : { uris: [uri] };
}

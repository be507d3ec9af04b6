import type { Binding } from './presets';

/** What a bound JWT names of its request: read from the request as it goes on the wire. */
export interface BoundRequest {
	/** Upper case. */
	method: string;
	/** The Host header: the port only when it is not the scheme's default. */
	host: string;
	/** Percent-encoded as sent, without the query. */
	path: string;
}

/**
 * The claims that tie a JWT to one request (Bind To Request). Coinbase's documented form is
 * `uri: "GET api.coinbase.com/api/v3/brokerage/accounts"`: method, a space, host and path, no
 * scheme and no query; the CDP SDK sends the same text as the one element of `uris`.
 */
export function bindingClaims(binding: Binding, request: BoundRequest | undefined): Record<string, unknown> {
	if (binding === 'none' || request === undefined) return {};
	const uri = `${request.method} ${request.host}${request.path}`;
	return binding === 'uri' ? { uri } : { uris: [uri] };
}

import type { IHttpRequestOptions } from 'n8n-workflow';

import type { TokenCall, TokenEndpointResponse } from '../http';
import { parseMaybeJson } from '../response';
import type { DpopKey } from './key';
import type { NonceMemory } from './nonces';
import { dpopProof, htuOf } from './proof';

/**
 * Token calls (login and refresh) with a DPoP proof of the key. An authorization server that
 * requires a nonce answers 400 `use_dpop_nonce` with a `DPoP-Nonce` header (RFC 9449 section 8):
 * the call is made once more with that nonce, and only once. The last nonce of each server is
 * remembered, so later calls carry it from the start.
 */
export function dpopTokenCall(call: TokenCall, key: DpopKey, nonces: NonceMemory): TokenCall {
	return async (request) => {
		const first = await call(withProof(request, key, nonces.get(request.url)));
		const nonce = rememberNonce(first, request.url, nonces);
		if (nonce === undefined || !asksForNonce(first)) return first;
		const retried = await call(withProof(request, key, nonce));
		rememberNonce(retried, request.url, nonces);
		return retried;
	};
}

/** The request with a `DPoP` header proving the key for its method and URL. */
export function withProof(request: IHttpRequestOptions, key: DpopKey, nonce: string | undefined): IHttpRequestOptions {
	const proof = dpopProof(key, { htm: (request.method ?? 'GET').toUpperCase(), htu: htuOf(request.url), nonce });
	return { ...request, headers: { ...request.headers, DPoP: proof } };
}

function rememberNonce(response: TokenEndpointResponse, url: string, nonces: NonceMemory): string | undefined {
	const nonce = dpopNonceHeader(response.headers);
	if (nonce !== undefined) nonces.set(url, nonce);
	return nonce;
}

/** The `DPoP-Nonce` response header, whatever its case; undefined when absent or not NQCHAR text. */
export function dpopNonceHeader(headers: Record<string, unknown> | undefined): string | undefined {
	const entry = Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'dpop-nonce');
	const value = Array.isArray(entry?.[1]) ? (entry[1] as unknown[])[0] : entry?.[1];
	// NQCHAR (section 8.1): printable ASCII but quote and backslash; a bound keeps proofs small.
	return typeof value === 'string' && /^[\x21\x23-\x5b\x5d-\x7e]{1,512}$/.test(value) ? value : undefined;
}

function asksForNonce(response: TokenEndpointResponse): boolean {
	if (response.statusCode !== 400) return false;
	const body = parseMaybeJson(response.body) as { error?: unknown } | undefined;
	return typeof body === 'object' && body !== null && body.error === 'use_dpop_nonce';
}

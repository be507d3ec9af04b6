import type { IHttpRequestOptions } from 'n8n-workflow';

import { takeHeader } from '../placement';
import { readWireRequest } from '../wire';
import type { DpopKey } from './key';
import { dpopProof } from './proof';

/**
 * An API request with a DPoP-bound token (RFC 9449 section 7.1): `Authorization: DPoP <token>`
 * and a fresh proof of the request's method and URL as n8n sends them (query and fragment left
 * out), with `ath`, the token's hash. A retried request object gets a new proof.
 */
export function placeDpopToken(requestOptions: IHttpRequestOptions, accessToken: string, key: DpopKey): IHttpRequestOptions {
	const wire = readWireRequest(requestOptions);
	const proof = dpopProof(key, { htm: wire.method, htu: `${wire.scheme}://${wire.host}${wire.path}`, accessToken });
	takeHeader(requestOptions, 'authorization');
	takeHeader(requestOptions, 'dpop');
	requestOptions.headers = { ...requestOptions.headers, Authorization: `DPoP ${accessToken}`, DPoP: proof };
	return requestOptions;
}

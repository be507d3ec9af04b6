import type { IHttpRequestOptions } from 'n8n-workflow';

import { authenticateClient, type ClientAuth } from './client-auth';

/** The Headers and Body Parameters fields every OAuth2 type adds to its token requests. */
export interface TokenRequestExtras {
	headers: Record<string, string>;
	bodyParameters: Record<string, string>;
}

/**
 * A form-encoded OAuth2 token request (RFC 6749 section 3.2): the grant's parameters, then the
 * Body Parameters (e.g. audience, resource), then the client's authentication.
 */
export function tokenFormRequest(
	url: string,
	grant: Record<string, string>,
	extras: TokenRequestExtras,
	client: ClientAuth,
): IHttpRequestOptions {
	const form = new URLSearchParams({ ...grant, ...extras.bodyParameters });
	const headers: Record<string, string> = {
		Accept: 'application/json',
		...extras.headers,
		'Content-Type': 'application/x-www-form-urlencoded',
	};
	authenticateClient(client, form, headers);
	return { url, method: 'POST', headers, body: form.toString() };
}

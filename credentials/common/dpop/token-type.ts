import { TokenAuthError } from '../errors';
import type { TokenEndpointResponse } from '../http';
import { parseJsonOrUndefined } from '../response';

/**
 * A DPoP request must get a DPoP-bound token (`token_type` DPoP, RFC 9449 section 5). A server
 * that answers `Bearer` does not do DPoP (it ignored the proof): the token is not bound to the key,
 * and sending it as DPoP is refused by a resource server that checks. The token is refused here
 * rather than silently used as a bearer token: the user chose Proof of Possession.
 */
export function checkDpopTokenType(response: TokenEndpointResponse): void {
	const body = parseJsonOrUndefined(response.body) as { token_type?: unknown } | undefined;
	const tokenType = typeof body?.token_type === 'string' ? body.token_type : undefined;
	if (tokenType?.toLowerCase() === 'dpop') return;
	const answered = tokenType === undefined ? 'no token_type' : /^[A-Za-z_-]{1,20}$/.test(tokenType) ? `token_type ${tokenType}` : 'an unknown token_type';
	throw new TokenAuthError(
		'RESPONSE_REFUSED',
		`The token endpoint answered ${answered} to a DPoP request: it did not bind the token to the DPoP key. ` +
			'Turn on DPoP for this client at the authorization server, or set Proof of Possession to None',
	);
}

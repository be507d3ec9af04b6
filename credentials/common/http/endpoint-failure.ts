import { TokenAuthError } from '../errors';
import { findSsrfRefusal, ssrfBlocked } from './ssrf';

/** The error for a token call that got no HTTP response at all; `url` is the request n8n refused or lost. */
export function tokenEndpointUnreachable(error: unknown, timeoutMs: number, url?: string): TokenAuthError {
	const ssrfRefusal = findSsrfRefusal(error);
	if (ssrfRefusal !== undefined) return ssrfBlocked(ssrfRefusal, url);
	const code = String((error as { code?: unknown })?.code ?? '');
	const message = String((error as { message?: unknown })?.message ?? '');
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) {
		return new TokenAuthError('ENDPOINT_FAILED', `The token endpoint did not answer within ${timeoutMs / 1000} s`);
	}
	if (/domain/i.test(message) && /allow/i.test(message)) {
		// n8n's "Allowed HTTP Request Domains" said no; its message names the domain, no secret.
		return new TokenAuthError('BLOCKED', `The token call was blocked: ${message}`);
	}
	return new TokenAuthError('ENDPOINT_FAILED', `Could not reach the token endpoint: ${NETWORK_FAILURES[code] ?? 'no answer'}`);
}

const TLS_HINT = ' (trust its CA with NODE_EXTRA_CA_CERTS, or turn on Ignore SSL Issues (Insecure))';

/** In words: n8n replaces any message that contains a raw code such as ECONNREFUSED with its own. */
const NETWORK_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused (is the Access Token URL right and the server up?)',
	ENOTFOUND: 'its host name was not found',
	EAI_AGAIN: 'its host name could not be resolved',
	ECONNRESET: 'the connection was reset',
	EHOSTUNREACH: 'its host is unreachable',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	ERR_STREAM_PREMATURE_CLOSE: 'the connection closed before the answer was complete',
	Z_DATA_ERROR: 'its compressed answer is corrupt',
	Z_BUF_ERROR: 'its compressed answer was cut off',
	CERT_NOT_YET_VALID: 'its TLS certificate is not valid yet',
	DEPTH_ZERO_SELF_SIGNED_CERT: `its TLS certificate is self-signed${TLS_HINT}`,
	SELF_SIGNED_CERT_IN_CHAIN: `its TLS certificate chain ends in a self-signed certificate${TLS_HINT}`,
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: `its TLS certificate is signed by an unknown certificate authority${TLS_HINT}`,
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: `its TLS certificate is signed by an unknown certificate authority${TLS_HINT}`,
	ERR_TLS_CERT_ALTNAME_INVALID: 'its TLS certificate is for another host name',
};

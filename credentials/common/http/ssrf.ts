import { TokenAuthError } from '../errors';

/**
 * The errors n8n's SSRF protection throws (`@n8n/backend-network`, n8n 2.12 and later, when
 * N8N_SSRF_PROTECTION_ENABLED=true). n8n checks every request sent through the helper the hook
 * gets, before connecting and again when it resolves the host, so a blocked address never sees a
 * byte. The classes are not importable from a community package: they are told by name.
 */
const SSRF_ERROR_NAMES = new Set(['SsrfBlockedIpError', 'SsrfBlockedHostnameError']);
const MAX_CAUSE_DEPTH = 5;

interface SsrfErrorFields {
	name?: unknown;
	ip?: unknown;
	hostname?: unknown;
	cause?: unknown;
}

/** n8n's SSRF refusal inside `error` (itself or one of its causes), if there is one. */
export function findSsrfRefusal(error: unknown): SsrfErrorFields | undefined {
	let current = error as SsrfErrorFields | undefined;
	for (let depth = 0; depth < MAX_CAUSE_DEPTH && current !== null && typeof current === 'object'; depth++) {
		if (typeof current.name === 'string' && SSRF_ERROR_NAMES.has(current.name)) return current;
		current = current.cause as SsrfErrorFields | undefined;
	}
	return undefined;
}

/**
 * The error for a token call n8n's SSRF protection stopped. It names the host (never the rest of
 * the URL), the address n8n refused, and the two settings an administrator can widen.
 */
export function ssrfBlocked(refusal: SsrfErrorFields, url: string | undefined): TokenAuthError {
	const host = hostOf(url);
	const address = typeof refusal.ip === 'string' && refusal.ip !== host ? ` (${refusal.ip})` : '';
	const target = host !== undefined ? `${host}${address}` : typeof refusal.ip === 'string' ? refusal.ip : 'the token endpoint';
	const why = refusal.name === 'SsrfBlockedHostnameError' ? 'its host name is on the blocked list' : 'it is a restricted address';
	return new TokenAuthError(
		'BLOCKED',
		`The token call to ${target} was blocked by this n8n instance's SSRF protection (${why}); nothing was sent. ` +
			'An administrator can allow it with N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES',
	);
}

function hostOf(url: string | undefined): string | undefined {
	if (url === undefined) return undefined;
	try {
		return new URL(url).hostname || undefined;
	} catch {
		return undefined;
	}
}

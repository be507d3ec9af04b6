/** Basic's API servers, as the credential's "Server" option names them. */
export const BASIC_SERVERS: Record<string, string> = {
	production: 'https://api.basic.tech',
	staging: 'https://beta.api.basic.tech',
};

/**
 * The root URL of the Basic API a credential points at. Mirrors the expression that sets the
 * credential's authorization and token URLs, so the node calls the server the user signed in to.
 */
export function resolveBaseUrl(server: unknown, customBaseUrl: unknown): string {
	if (server === 'custom') {
		const url = typeof customBaseUrl === 'string' ? customBaseUrl.trim().replace(/\/+$/, '') : '';
		if (!/^https?:\/\/[^/]/i.test(url)) {
			throw new Error('The credential\'s Base URL must start with http:// or https://');
		}
		return url;
	}
	return BASIC_SERVERS[typeof server === 'string' ? server : ''] ?? BASIC_SERVERS.production;
}

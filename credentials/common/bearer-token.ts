import { TokenAuthError } from './token-auth-error';

/**
 * A static token, checked before any request: surrounding whitespace and newlines (a paste from
 * a terminal or a file) are removed; anything inside that cannot travel in a header is refused.
 */
export function readBearerToken(value: unknown): string {
	const token = typeof value === 'string' ? value.trim() : '';
	if (token === '') throw new TokenAuthError('Token is empty: paste the token your provider issued');
	if (/^bearer\s/i.test(token)) {
		throw new TokenAuthError('Token starts with "Bearer ": paste the token alone, the prefix is added for you');
	}
	if (/[\r\n]/.test(token)) throw new TokenAuthError('Token contains a line break: paste it on one line');
	if (/\s/.test(token)) throw new TokenAuthError('Token contains whitespace inside it: check that it was copied whole');
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f]/.test(token)) throw new TokenAuthError('Token contains control characters');
	if (/[^\u0020-\u007e]/.test(token)) {
		throw new TokenAuthError('Token contains characters outside printable ASCII, which an HTTP header cannot carry');
	}
	return token;
}

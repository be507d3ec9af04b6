import { TokenAuthError } from '../errors';

/** A setting that cannot work, found before any request. The message names it, never its value. */
export function settingsInvalid(message: string): TokenAuthError {
	return new TokenAuthError(message);
}

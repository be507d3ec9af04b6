import { UserError } from 'n8n-workflow';

/**
 * What went wrong, for the code that reacts to it (the store remembers a refused login for
 * minutes, a failed call for seconds) and for logs; the message is for people. It is not named
 * `code`: n8n's credential test shows an error's `cause.code` in place of its message.
 */
export type TokenAuthErrorCode =
	/** The token endpoint refused the credentials themselves: repeating the call cannot help. */
	| 'LOGIN_REFUSED'
	/** The token endpoint failed, timed out or could not be reached; the login was not judged. */
	| 'ENDPOINT_FAILED'
	/** The token endpoint redirected where the login may not go. */
	| 'REDIRECT_REFUSED'
	/** The token endpoint answered, but not with a usable token (size, content, format). */
	| 'RESPONSE_REFUSED'
	/** A credential field is missing or wrong; nothing was sent. */
	| 'SETTINGS_INVALID'
	/** n8n's instance rules (allowed domains, SSRF protection) stopped the call before it was sent. */
	| 'BLOCKED'
	/** No token is held where one must be (the hook did not run). */
	| 'NO_TOKEN'
	/** The request cannot be signed as it is (a multipart body where the proof covers the body); nothing was sent. */
	| 'REQUEST_UNSIGNABLE';

/**
 * Every failure of the token engine. Messages are written here, never copied from a request,
 * so they can name fields, URLs and statuses but never carry a secret.
 */
export class TokenAuthError extends UserError {
	constructor(
		readonly reason: TokenAuthErrorCode,
		message: string,
	) {
		super(message);
		this.name = 'TokenAuthError';
	}
}

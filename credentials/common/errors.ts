import { UserError } from 'n8n-workflow';

/** What kind of failure a TokenAuthError is (the token log and the store act on it). */
export type TokenAuthErrorCode =
	| 'LOGIN_REFUSED'
	| 'ENDPOINT_FAILED'
	| 'REDIRECT_REFUSED'
	| 'RESPONSE_REFUSED'
	| 'SETTINGS_INVALID'
	| 'BLOCKED'
	| 'NO_TOKEN';

/**
 * Every failure of the token engine. Messages are written here, never copied from a request,
 * so they can name fields, URLs and statuses but never carry a secret.
 */
export class TokenAuthError extends UserError {
	/** The token endpoint refused the credentials themselves: repeating the call cannot help. */
	readonly refusedLogin: boolean;
	/** Set where the kind is known; the engine classifies the rest by where they were thrown. */
	readonly code?: TokenAuthErrorCode;

	constructor(message: string, options: { refusedLogin?: boolean; code?: TokenAuthErrorCode } = {}) {
		super(message);
		this.name = 'TokenAuthError';
		this.refusedLogin = options.refusedLogin ?? options.code === 'LOGIN_REFUSED';
		this.code = options.code ?? (this.refusedLogin ? 'LOGIN_REFUSED' : undefined);
	}
}

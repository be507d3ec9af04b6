import { UserError } from 'n8n-workflow';

/**
 * Every failure of the token engine. Messages are written here, never copied from a request,
 * so they can name fields, URLs and statuses but never carry a secret.
 */
export class TokenAuthError extends UserError {
	/** The token endpoint refused the credentials themselves: repeating the call cannot help. */
	readonly refusedLogin: boolean;

	constructor(message: string, options: { refusedLogin?: boolean } = {}) {
		super(message);
		this.name = 'TokenAuthError';
		this.refusedLogin = options.refusedLogin ?? false;
	}
}

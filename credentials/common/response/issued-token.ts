/** A token as the endpoint issued it, read from its response (token.ts) and timed by expiry.ts. */
export interface IssuedToken {
	accessToken: string;
	/** Lifetime in seconds; absent when the response gives none (the token is kept until rejected). */
	expiresInSeconds?: number;
	/** Absolute expiry in epoch ms, for responses that give a point in time instead of a lifetime. */
	expiresAt?: number;
	refreshToken?: string;
}

import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import type { IssuedToken } from '../response/token';
import type { TokenPlacement } from '../placement/placement';

/** Sends one request to a token endpoint and returns its answer, whatever the status. */
export type TokenHttp = (request: IHttpRequestOptions) => Promise<{
	statusCode: number;
	body: unknown;
	headers?: Record<string, unknown>;
}>;

/** The settings every exchanging credential shares, read and checked from its fields. */
export interface ExchangeSettings {
	/** Everything that decides which token the exchange yields (hashed into the fingerprint). */
	identity: unknown[];
	/** Values that must never appear in a message (passwords, client secret). */
	secrets: string[];
	omitBearerPrefix: boolean;
	/** Where requests carry the token; absent: the Authorization header, as omitBearerPrefix says. */
	placement?: TokenPlacement;
	/** Ignore SSL Issues (Insecure): token requests accept any server certificate. */
	ignoreSslIssues?: boolean;
}

/** What makes one credential type's exchange different from another's. */
export interface TokenExchange<Settings extends ExchangeSettings> {
	typeName: string;
	/** Reads and checks the credential's fields; throws a TokenAuthError naming the bad field. */
	readSettings(credentials: ICredentialDataDecryptedObject): Settings;
	/** The request that trades the credentials for a token (also sent by the credential test). */
	loginRequest(settings: Settings): IHttpRequestOptions;
	/** Reads the token out of the login's (or refresh's) answer; throws when it is not there. */
	readAnswer(settings: Settings, answer: Awaited<ReturnType<TokenHttp>>): IssuedToken;
	/** The request that trades a refresh token for a new token; absent when the scheme has none. */
	refreshRequest?(settings: Settings, refreshToken: string): IHttpRequestOptions;
}

import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import type { TokenEndpointResponse } from '../http';
import type { TokenPlacement } from '../placement';
import type { IssuedToken } from '../response';

/** The settings every exchanging credential shares, read and checked from its fields. */
export interface SchemeSettings {
	/** Everything that decides which token the login yields (hashed into the fingerprint). */
	identity: unknown[];
	/** Values that must never appear in a message (passwords, client secret). */
	secrets: string[];
	/** Where API requests carry the token; absent when the scheme puts it on them itself (`applyToken`). */
	placement?: TokenPlacement;
}

/**
 * What makes one credential type's login different from another's: how to read its fields, how
 * to ask for a token, and where the response keeps it. The engine does the rest.
 */
export interface TokenScheme<Settings extends SchemeSettings> {
	typeName: string;
	/** Reads and checks the credential's fields; throws a TokenAuthError naming the bad field. */
	readSettings(credentials: ICredentialDataDecryptedObject): Settings;
	/** The URL the login goes to, named without building (or signing) the request: for log lines. */
	tokenUrl(settings: Settings): string;
	/** The request that trades the credentials for a token (also sent by the credential test). */
	loginRequest(settings: Settings): IHttpRequestOptions;
	/** Reads the token out of the login's (or refresh's) response; throws when it is not there. */
	readResponse(settings: Settings, response: TokenEndpointResponse): IssuedToken;
	/** The request that trades a refresh token for a new token; absent when the scheme has none. */
	refreshRequest?(settings: Settings, refreshToken: string): IHttpRequestOptions;
	/**
	 * Puts the held token on an API request when no placement can (AWS Assume Role signs each
	 * request with the temporary keys it holds); absent: the token goes where `placement` says.
	 */
	applyToken?(settings: Settings, requestOptions: IHttpRequestOptions, token: string): IHttpRequestOptions;
}

import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { authorizationPlacement, parseJsonObjectField, readTextField, requireHttpUrl } from '../fields';
import type { TokenPlacement } from '../placement';
import { readClientAuth, type ClientAuth, type ClientAuthRules } from './client-auth';
import type { TokenRequestExtras } from './token-form-request';

/** What every OAuth2 type reads the same way: where to ask, for what, with which extras, as which client. */
export interface OAuth2Settings extends TokenRequestExtras {
	accessTokenUrl: string;
	scope: string;
	client: ClientAuth;
	placement?: TokenPlacement;
}

/**
 * Reads and checks the fields the OAuth2 types share: Access Token URL, Scope, Headers, Body
 * Parameters, the client authentication (with the type's own rules) and Use Raw Token.
 */
export function readOAuth2Settings(
	credentials: ICredentialDataDecryptedObject,
	clientRules: Omit<ClientAuthRules, 'accessTokenUrl'>,
): OAuth2Settings {
	const accessTokenUrl = requireHttpUrl('Access Token URL', credentials.accessTokenUrl);
	const scope = readTextField('Scope', credentials.scope, false);
	const headers = parseJsonObjectField('Headers', credentials.headers);
	const bodyParameters = parseJsonObjectField('Body Parameters', credentials.bodyParameters);
	const client = readClientAuth(credentials, { ...clientRules, accessTokenUrl });
	return { accessTokenUrl, scope, headers, bodyParameters, client, placement: authorizationPlacement(credentials) };
}

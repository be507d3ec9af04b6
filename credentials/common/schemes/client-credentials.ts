import { authorizationPlacement } from '../placement';
import { parseJsonObjectField, readTextField } from './settings-input';
import type { SchemeSettings, TokenScheme } from './scheme';
import { readAccessTokenUrl, readClientAuth, type ClientAuth } from './client-auth';
import { readOAuthTokenResponse } from './oauth-token-response';
import { tokenFormRequest, type TokenRequestExtras } from './token-form-request';

export interface ClientCredentialsSettings extends SchemeSettings, TokenRequestExtras {
	accessTokenUrl: string;
	scope: string;
	client: ClientAuth;
}

/**
 * OAuth 2.0 Client Credentials grant (RFC 6749 section 4.4). No refresh token (section 4.4.3):
 * a new token is a new grant, with a new assertion when the client signs one.
 */
export const clientCredentialsScheme: TokenScheme<ClientCredentialsSettings> = {
	typeName: 'clientCredentialsOAuth2Api',

	readSettings(credentials) {
		const accessTokenUrl = readAccessTokenUrl(credentials);
		const scope = readTextField('Scope', credentials.scope, false);
		const headers = parseJsonObjectField('Headers', credentials.headers);
		const bodyParameters = parseJsonObjectField('Body Parameters', credentials.bodyParameters);
		const client = readClientAuth(credentials, {
			defaultMethod: 'header',
			allowed: ['header', 'body', 'privateKeyJwt', 'clientSecretJwt'],
			secretOptional: false,
			accessTokenUrl,
		});
		return {
			accessTokenUrl,
			scope,
			headers,
			bodyParameters,
			client,
			placement: authorizationPlacement(credentials),
			ignoreSslIssues: credentials.allowUnauthorizedCerts === true,
			identity: [accessTokenUrl, scope, headers, bodyParameters, ...client.identity],
			secrets: client.secrets,
		};
	},

	loginRequest(settings) {
		const grant = { grant_type: 'client_credentials', ...(settings.scope ? { scope: settings.scope } : {}) };
		return tokenFormRequest(settings.accessTokenUrl, grant, settings, settings.client);
	},

	readResponse(settings, response) {
		return readOAuthTokenResponse(response, settings.secrets);
	},
};

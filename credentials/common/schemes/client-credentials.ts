import { overlayKeyFile, readOAuth2Settings, readOAuthTokenResponse, tokenFormRequest, type OAuth2Settings } from '../oauth2';
import type { SchemeSettings, TokenScheme } from './scheme';

export interface ClientCredentialsSettings extends SchemeSettings, OAuth2Settings {}

/**
 * OAuth 2.0 Client Credentials grant (RFC 6749 section 4.4). No refresh token (section 4.4.3):
 * a new token is a new grant, with a new assertion when the client signs one.
 */
export const clientCredentialsScheme: TokenScheme<ClientCredentialsSettings> = {
	typeName: 'clientCredentialsOAuth2Api',

	readSettings(typed) {
		// The Key File signs only Private Key JWT's client assertion.
		const keyFile = typed.clientAuthentication === 'privateKeyJwt' ? overlayKeyFile(typed, 'clientId') : undefined;
		const credentials = keyFile?.credentials ?? typed;
		const oauth2 = readOAuth2Settings(credentials, {
			defaultMethod: 'header',
			allowed: ['header', 'body', 'privateKeyJwt', 'clientSecretJwt'],
			secretOptional: false,
		});
		const { accessTokenUrl, scope, headers, bodyParameters, client } = oauth2;
		return {
			...oauth2,
			identity: [accessTokenUrl, scope, headers, bodyParameters, ...client.identity, ...(keyFile?.identity ?? [])],
			secrets: [...client.secrets, ...(keyFile?.secrets ?? [])],
		};
	},

	tokenUrl: (settings) => settings.accessTokenUrl,

	loginRequest(settings) {
		const grant = { grant_type: 'client_credentials', ...(settings.scope ? { scope: settings.scope } : {}) };
		return tokenFormRequest(settings.accessTokenUrl, grant, settings, settings.client);
	},

	readResponse(settings, response) {
		return readOAuthTokenResponse(response, settings.secrets);
	},
};

import { readSecretField, readTextField, requireHttpUrl } from '../fields';
import { readOAuth2Settings, readOAuthTokenResponse, tokenFormRequest, type OAuth2Settings } from '../oauth2';
import type { SchemeSettings, TokenScheme } from './scheme';

export interface PasswordGrantSettings extends SchemeSettings, OAuth2Settings {
	username: string;
	password: string;
	grantType: string;
	refreshTokenUrl: string;
}

/** OAuth 2.0 Resource Owner Password Credentials grant (RFC 6749 section 4.3) with refresh (section 6). */
export const passwordGrantScheme: TokenScheme<PasswordGrantSettings> = {
	typeName: 'passwordGrantOAuth2Api',

	readSettings(credentials) {
		// Clients may be public here (no secret): client_id alone goes in the body, as before.
		const oauth2 = readOAuth2Settings(credentials, {
			defaultMethod: 'header',
			allowed: ['header', 'body', 'privateKeyJwt', 'clientSecretJwt'],
			secretOptional: true,
		});
		const { accessTokenUrl, scope, headers, bodyParameters, client } = oauth2;
		const username = readTextField('Username', credentials.username, true);
		const password = readSecretField('Password', credentials.password, false);
		const grantType = readTextField('Grant Type', credentials.grantType, false) || 'password';
		const refreshTokenUrl = readTextField('Refresh Token URL', credentials.refreshTokenUrl, false)
			? requireHttpUrl('Refresh Token URL', credentials.refreshTokenUrl)
			: accessTokenUrl;
		const { clientId, clientSecret } = client;
		const signed = client.method === 'privateKeyJwt' || client.method === 'clientSecretJwt';
		// The identity of header and body credentials is the one they had before the JWT methods,
		// so tokens stored by earlier versions keep their fingerprint.
		const clientInHeader = client.method !== 'body';
		return {
			...oauth2,
			username,
			password,
			grantType,
			refreshTokenUrl,
			identity: [
				accessTokenUrl, refreshTokenUrl, clientId, clientSecret, username, password, grantType, scope, clientInHeader, headers, bodyParameters,
				...(signed ? [client.identity] : []),
			],
			secrets: [password, ...client.secrets],
		};
	},

	tokenUrl: (settings) => settings.accessTokenUrl,

	loginRequest(settings) {
		return tokenFormRequest(
			settings.accessTokenUrl,
			{
				grant_type: settings.grantType,
				username: settings.username,
				password: settings.password,
				...(settings.scope ? { scope: settings.scope } : {}),
			},
			settings,
			settings.client,
		);
	},

	/** A refresh authenticates the client as the login did (RFC 6749 section 6), with a new assertion. */
	refreshRequest(settings, refreshToken) {
		return tokenFormRequest(settings.refreshTokenUrl, { grant_type: 'refresh_token', refresh_token: refreshToken }, settings, settings.client);
	},

	readResponse(settings, response) {
		return readOAuthTokenResponse(response, settings.secrets);
	},
};

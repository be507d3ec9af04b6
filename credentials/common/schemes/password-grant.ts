import { authorizationPlacement } from '../placement';
import { readClientAuth, type ClientAuth } from './client-auth';
import { readOAuthTokenResponse } from './oauth-token-response';
import type { SchemeSettings, TokenScheme } from './scheme';
import { parseJsonObjectField, readSecretField, readTextField, requireHttpUrl } from './settings-input';
import { tokenFormRequest, type TokenRequestExtras } from './token-form-request';

export interface PasswordGrantSettings extends SchemeSettings, TokenRequestExtras {
	username: string;
	password: string;
	grantType: string;
	scope: string;
	accessTokenUrl: string;
	refreshTokenUrl: string;
	client: ClientAuth;
}

/** OAuth 2.0 Resource Owner Password Credentials grant (RFC 6749 section 4.3) with refresh (section 6). */
export const passwordGrantScheme: TokenScheme<PasswordGrantSettings> = {
	typeName: 'passwordGrantOAuth2Api',

	readSettings(credentials) {
		const username = readTextField('Username', credentials.username, true);
		const password = readSecretField('Password', credentials.password, false);
		const grantType = readTextField('Grant Type', credentials.grantType, false) || 'password';
		const scope = readTextField('Scope', credentials.scope, false);
		const accessTokenUrl = requireHttpUrl('Access Token URL', credentials.accessTokenUrl);
		const refreshTokenUrl = readTextField('Refresh Token URL', credentials.refreshTokenUrl, false)
			? requireHttpUrl('Refresh Token URL', credentials.refreshTokenUrl)
			: accessTokenUrl;
		const headers = parseJsonObjectField('Headers', credentials.headers);
		const bodyParameters = parseJsonObjectField('Body Parameters', credentials.bodyParameters);
		// Clients may be public here (no secret): client_id alone goes in the body, as before.
		const client = readClientAuth(credentials, {
			defaultMethod: 'header',
			allowed: ['header', 'body', 'privateKeyJwt', 'clientSecretJwt'],
			secretOptional: true,
			accessTokenUrl,
		});
		const { clientId, clientSecret } = client;
		const signed = client.method === 'privateKeyJwt' || client.method === 'clientSecretJwt';
		// The identity of header and body credentials is the one they had before the JWT methods,
		// so tokens stored by earlier versions keep their fingerprint.
		const clientInHeader = client.method !== 'body';
		return {
			username,
			password,
			grantType,
			scope,
			accessTokenUrl,
			refreshTokenUrl,
			headers,
			bodyParameters,
			client,
			placement: authorizationPlacement(credentials),
			ignoreSslIssues: credentials.allowUnauthorizedCerts === true,
			identity: [
				accessTokenUrl, refreshTokenUrl, clientId, clientSecret, username, password, grantType, scope, clientInHeader, headers, bodyParameters,
				...(signed ? [client.identity] : []),
			],
			secrets: [password, ...client.secrets],
		};
	},

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

import type { IHttpRequestOptions } from 'n8n-workflow';

import { parseJsonObjectField, readSecretField, readTextField, requireHttpUrl } from './settings-input';
import { readTokenAnswer } from '../response/token';
import type { ExchangeSettings, TokenExchange } from './scheme';

export interface PasswordGrantSettings extends ExchangeSettings {
	clientId: string;
	clientSecret: string;
	username: string;
	password: string;
	grantType: string;
	scope: string;
	accessTokenUrl: string;
	refreshTokenUrl: string;
	clientInHeader: boolean;
	headers: Record<string, string>;
	bodyParameters: Record<string, string>;
}

/** OAuth 2.0 Resource Owner Password Credentials grant (RFC 6749 section 4.3) with refresh (section 6). */
export const passwordGrantExchange: TokenExchange<PasswordGrantSettings> = {
	typeName: 'passwordGrantOAuth2Api',

	readSettings(credentials) {
		const clientId = readTextField('Client Id', credentials.clientId, false);
		const clientSecret = readSecretField('Client Secret', credentials.clientSecret, false);
		const username = readTextField('Username', credentials.username, true);
		const password = readSecretField('Password', credentials.password, false);
		const grantType = readTextField('Grant Type', credentials.grantType, false) || 'password';
		const scope = readTextField('Scope', credentials.scope, false);
		const accessTokenUrl = requireHttpUrl('Access Token URL', credentials.accessTokenUrl);
		const refreshTokenUrl = readTextField('Refresh Token URL', credentials.refreshTokenUrl, false)
			? requireHttpUrl('Refresh Token URL', credentials.refreshTokenUrl)
			: accessTokenUrl;
		const clientInHeader = credentials.clientAuthentication !== 'body';
		const headers = parseJsonObjectField('Headers', credentials.headers);
		const bodyParameters = parseJsonObjectField('Body Parameters', credentials.bodyParameters);
		return {
			clientId,
			clientSecret,
			username,
			password,
			grantType,
			scope,
			accessTokenUrl,
			refreshTokenUrl,
			clientInHeader,
			headers,
			bodyParameters,
			omitBearerPrefix: credentials.omitBearerPrefix === true,
			ignoreSslIssues: credentials.allowUnauthorizedCerts === true,
			identity: [accessTokenUrl, refreshTokenUrl, clientId, clientSecret, username, password, grantType, scope, clientInHeader, headers, bodyParameters],
			secrets: [password, clientSecret],
		};
	},

	loginRequest(settings) {
		return formRequest(settings, settings.accessTokenUrl, {
			grant_type: settings.grantType,
			username: settings.username,
			password: settings.password,
			...(settings.scope ? { scope: settings.scope } : {}),
		});
	},

	refreshRequest(settings, refreshToken) {
		return formRequest(settings, settings.refreshTokenUrl, {
			grant_type: 'refresh_token',
			refresh_token: refreshToken,
		});
	},

	readAnswer(settings, answer) {
		return readTokenAnswer(
			answer,
			{
				accessToken: 'access_token',
				expiresIn: 'expires_in',
				refreshToken: 'refresh_token',
				accessTokenLabel: 'OAuth2 access_token',
				expiresInLabel: 'OAuth2 expires_in',
			},
			settings.secrets,
		);
	},
};

/**
 * A form-encoded token request. The client authenticates with HTTP Basic (RFC 6749 section
 * 2.3.1, id and secret form-encoded first) or in the body; a client without secret is public
 * and names itself in the body.
 */
function formRequest(
	settings: PasswordGrantSettings,
	url: string,
	grant: Record<string, string>,
): IHttpRequestOptions {
	const form = new URLSearchParams({ ...grant, ...settings.bodyParameters });
	const headers: Record<string, string> = {
		Accept: 'application/json',
		...settings.headers,
		'Content-Type': 'application/x-www-form-urlencoded',
	};
	if (settings.clientId !== '' && settings.clientInHeader && settings.clientSecret !== '') {
		const pair = `${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`;
		headers.Authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
	} else if (settings.clientId !== '') {
		form.set('client_id', settings.clientId);
		if (settings.clientSecret !== '') form.set('client_secret', settings.clientSecret);
	}
	return { url, method: 'POST', headers, body: form.toString() };
}

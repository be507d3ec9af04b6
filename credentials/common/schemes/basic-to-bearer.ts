import type { IHttpRequestMethods } from 'n8n-workflow';

import { parseJsonObjectField, readHttpOperation, readSecretField, readTextField, requireHttpUrl } from './settings-input';
import { readTokenAnswer } from '../response/token';
import type { ExchangeSettings, TokenExchange } from './scheme';

const METHODS: IHttpRequestMethods[] = ['GET', 'POST', 'PUT', 'PATCH'];

export interface BasicToBearerSettings extends ExchangeSettings {
	username: string;
	password: string;
	accessTokenUrl: string;
	accessTokenKey: string;
	expiresInKey: string;
	method: IHttpRequestMethods;
	headers: Record<string, string>;
}

/** Username and password go as HTTP Basic to the Access Token URL; the JSON answer holds the token. */
export const basicToBearerExchange: TokenExchange<BasicToBearerSettings> = {
	typeName: 'basicToBearerApi',

	readSettings(credentials) {
		const username = readTextField('Username', credentials.username, true);
		const password = readSecretField('Password', credentials.password, false);
		const accessTokenUrl = requireHttpUrl('Access Token URL', credentials.accessTokenUrl);
		const accessTokenKey = readTextField('Access Token Extraction Key', credentials.accessExtractionKey, false) || 'access_token';
		const expiresInKey = readTextField('Expires In Extraction Key', credentials.expiresInExtractionKey, false) || 'expires_in';
		const method = readHttpOperation(credentials.method, METHODS);
		const headers = parseJsonObjectField('Headers', credentials.headers);
		return {
			username,
			password,
			accessTokenUrl,
			accessTokenKey,
			expiresInKey,
			method,
			headers,
			omitBearerPrefix: credentials.omitBearerPrefix === true,
			ignoreSslIssues: credentials.allowUnauthorizedCerts === true,
			identity: [accessTokenUrl, method, username, password, headers, accessTokenKey, expiresInKey],
			secrets: [password],
		};
	},

	loginRequest(settings) {
		const basic = Buffer.from(`${settings.username}:${settings.password}`).toString('base64');
		return {
			url: settings.accessTokenUrl,
			method: settings.method,
			headers: { Accept: 'application/json', ...settings.headers, Authorization: `Basic ${basic}` },
		};
	},

	readAnswer(settings, answer) {
		return readTokenAnswer(
			answer,
			{
				accessToken: settings.accessTokenKey,
				expiresIn: settings.expiresInKey,
				accessTokenLabel: 'Access Token Extraction Key',
				expiresInLabel: 'Expires In Extraction Key',
			},
			settings.secrets,
		);
	},
};

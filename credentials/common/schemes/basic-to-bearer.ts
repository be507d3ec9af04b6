import type { IHttpRequestMethods } from 'n8n-workflow';

import { authorizationPlacement, parseJsonObjectField, readHttpOperation, readSecretField, readTextField, requireHttpUrl } from '../fields';
import { basicAuthorization } from '../http';
import { readTokenResponse } from '../response';
import type { SchemeSettings, TokenScheme } from './scheme';

/** The HTTP Operation field's options. */
const METHODS: IHttpRequestMethods[] = ['GET', 'POST', 'PUT'];

export interface BasicToBearerSettings extends SchemeSettings {
	username: string;
	password: string;
	accessTokenUrl: string;
	accessTokenKey: string;
	expiresInKey: string;
	method: IHttpRequestMethods;
	headers: Record<string, string>;
}

/** Username and password go as HTTP Basic to the Access Token URL; the JSON response holds the token. */
export const basicToBearerScheme: TokenScheme<BasicToBearerSettings> = {
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
			placement: authorizationPlacement(credentials),
			identity: [accessTokenUrl, method, username, password, headers, accessTokenKey, expiresInKey],
			secrets: [password],
		};
	},

	tokenUrl: (settings) => settings.accessTokenUrl,

	loginRequest(settings) {
		return {
			url: settings.accessTokenUrl,
			method: settings.method,
			headers: { Accept: 'application/json', ...settings.headers, Authorization: basicAuthorization(settings.username, settings.password) },
		};
	},

	readResponse(settings, response) {
		return readTokenResponse(
			response,
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

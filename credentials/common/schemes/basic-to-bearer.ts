import type { IHttpRequestMethods } from 'n8n-workflow';

import { authorizationPlacement } from '../placement';
import { readTokenResponse } from '../response';
import { basicAuthorization } from './basic-auth';
import type { SchemeSettings, TokenScheme } from './scheme';
import { parseJsonObjectField, readHttpOperation, readSecretField, readTextField, requireHttpUrl } from './settings-input';

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

/** Username and password go as HTTP Basic to the Access Token URL; the JSON answer holds the token. */
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
			ignoreSslIssues: credentials.allowUnauthorizedCerts === true,
			identity: [accessTokenUrl, method, username, password, headers, accessTokenKey, expiresInKey],
			secrets: [password],
		};
	},

	loginRequest(settings) {
		return {
			url: settings.accessTokenUrl,
			method: settings.method,
			headers: { Accept: 'application/json', ...settings.headers, Authorization: basicAuthorization(settings.username, settings.password) },
		};
	},

	readResponse(settings, answer) {
		return readTokenResponse(
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

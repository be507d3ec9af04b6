import type { IDataObject, IHttpRequestMethods, IHttpRequestOptions } from 'n8n-workflow';

import { TokenAuthError } from '../errors';
import type { TokenPlacement } from '../placement';
import {
	describeHeaderNames,
	EXPIRY_FORMATS,
	headerSafe,
	parseJsonResponse,
	parseMaybeJson,
	readAccessToken,
	readExpiryValue,
	readJsonPath,
	refuseFailureStatus,
	tokenFromCookie,
	tokenFromHeader,
	type ExpiryFormat,
	type IssuedToken,
} from '../response';
import { parseJsonObjectField, readChoice, readHttpOperation, readSecretField, readTextField, requireHttpUrl } from '../fields';
import { basicAuthorization } from '../http';
import type { SchemeSettings, TokenScheme } from './scheme';
import { formLoginBody, jsonLoginBody, parseExtraLoginFields } from './token-login-body';

const METHODS: IHttpRequestMethods[] = ['POST', 'GET', 'PUT'];
const CREDENTIAL_STYLES = ['jsonBody', 'formBody', 'basicAuth'] as const;
const TOKEN_LOCATIONS = ['body', 'header', 'cookie'] as const;

export interface TokenLoginSettings extends SchemeSettings {
	loginUrl: string;
	method: IHttpRequestMethods;
	headers: Record<string, string>;
	sendCredentialsAs: (typeof CREDENTIAL_STYLES)[number];
	username: string;
	password: string;
	usernameField: string;
	passwordField: string;
	extraLoginFields: Record<string, unknown>;
	tokenLocation: (typeof TOKEN_LOCATIONS)[number];
	tokenKey: string;
	expiryKey: string;
	expiryFormat: ExpiryFormat;
	placement: TokenPlacement;
}

/** A login with username and password in a JSON body, a form body or HTTP Basic; the token comes back in the body, a header or a cookie. */
export const tokenLoginScheme: TokenScheme<TokenLoginSettings> = {
	typeName: 'tokenLoginApi',

	readSettings(credentials) {
		const loginUrl = requireHttpUrl('Login URL', credentials.loginUrl);
		const method = readHttpOperation(credentials.method, METHODS);
		const sendCredentialsAs = readChoice('Send Credentials As', credentials.sendCredentialsAs ?? 'jsonBody', CREDENTIAL_STYLES);
		const username = readTextField('Username', credentials.username, true);
		const password = readSecretField('Password', credentials.password, false);
		const usernameField = readTextField('Username Field', credentials.usernameField, false) || 'username';
		const passwordField = readTextField('Password Field', credentials.passField, false) || 'password';
		const headers = parseJsonObjectField('Headers', credentials.headers);
		const extraLoginFields = parseExtraLoginFields(credentials.extraLoginFields);
		const tokenLocation = readChoice('Token Location', credentials.answerLocation ?? 'body', TOKEN_LOCATIONS);
		const tokenKey = readTextField('Token Key', credentials.answerKey, false) || 'token';
		const expiryKey = readTextField('Expiry Key', credentials.expiryKey, false);
		const expiryFormat = readChoice('Expiry Format', credentials.expiryFormat ?? 'secondsFromNow', EXPIRY_FORMATS);
		return {
			loginUrl,
			method,
			headers,
			sendCredentialsAs,
			username,
			password,
			usernameField,
			passwordField,
			extraLoginFields,
			tokenLocation,
			tokenKey,
			expiryKey,
			expiryFormat,
			placement: readPlacement(credentials),
			identity: [loginUrl, method, headers, sendCredentialsAs, username, password, usernameField, passwordField, extraLoginFields, tokenLocation, tokenKey, expiryKey, expiryFormat],
			secrets: [password],
		};
	},

	tokenUrl: (settings) => settings.loginUrl,

	loginRequest(settings) {
		const headers: Record<string, string> = { Accept: 'application/json', ...settings.headers };
		const request: IHttpRequestOptions = { url: settings.loginUrl, method: settings.method, headers };
		const fields: Array<[string, string]> = [
			[settings.usernameField, settings.username],
			[settings.passwordField, settings.password],
		];
		if (settings.sendCredentialsAs === 'basicAuth') {
			headers.Authorization = basicAuthorization(settings.username, settings.password);
			return withFields(request, [], settings.extraLoginFields, 'json');
		}
		return withFields(request, fields, settings.extraLoginFields, settings.sendCredentialsAs === 'formBody' ? 'form' : 'json');
	},

	readResponse(settings, response) {
		refuseFailureStatus(response, settings.secrets);
		const body = settings.tokenLocation === 'body' ? parseJsonResponse(response) : parseMaybeJson(response.body);
		const issued: IssuedToken = { accessToken: readToken(settings, body, response.headers) };
		if (settings.expiryKey === '') return issued;
		return { ...issued, ...readExpiryValue(readJsonPath(body, settings.expiryKey), settings.expiryFormat, settings.expiryKey) };
	},
};

/**
 * Puts the login fields in the body (JSON nests dot paths, a form keeps them as names). A GET
 * carries no body, so there they go in the query string.
 */
function withFields(
	request: IHttpRequestOptions,
	fields: Array<[string, string]>,
	extra: Record<string, unknown>,
	encoding: 'json' | 'form',
): IHttpRequestOptions {
	if (fields.length === 0 && Object.keys(extra).length === 0) return request;
	const headers = request.headers as Record<string, string>;
	if (request.method === 'GET') {
		return { ...request, qs: Object.fromEntries(formLoginBody(fields, extra)) as IDataObject };
	}
	if (encoding === 'form') {
		headers['Content-Type'] = 'application/x-www-form-urlencoded';
		return { ...request, body: formLoginBody(fields, extra).toString() };
	}
	headers['Content-Type'] = 'application/json';
	return { ...request, body: JSON.stringify(jsonLoginBody(fields, extra)) };
}

function readToken(settings: TokenLoginSettings, body: unknown, headers: Record<string, unknown> | undefined): string {
	const key = settings.tokenKey;
	if (settings.tokenLocation === 'header') {
		const token = tokenFromHeader(headers, key);
		if (token !== undefined) return headerSafe(token, `"${key}" header (Token Key)`);
		throw new TokenAuthError('RESPONSE_REFUSED', `The login answer has no "${key}" header (Token Key). Headers in the answer: ${describeHeaderNames(headers, false)}`);
	}
	if (settings.tokenLocation === 'cookie') {
		const token = tokenFromCookie(headers, key);
		if (token !== undefined) return headerSafe(token, `"${key}" cookie (Token Key)`);
		throw new TokenAuthError('RESPONSE_REFUSED', `The login answer set no "${key}" cookie (Token Key). Cookies it set: ${describeHeaderNames(headers, true)}`);
	}
	return readAccessToken(body, key, 'Token Key');
}

function readPlacement(credentials: IDataObject): TokenPlacement {
	const sendAs = readChoice('Send Token As', credentials.placement ?? 'header', ['header', 'query', 'cookie'] as const);
	if (sendAs === 'query') {
		return { sendAs, parameterName: readTextField('Query Parameter Name', credentials.queryParameterName, true) };
	}
	if (sendAs === 'cookie') return { sendAs, cookieName: readTextField('Cookie Name', credentials.cookieName, true) };
	const headerName = readTextField('Header Name', credentials.headerName, false) || 'Authorization';
	// The prefix is taken as typed: "Bearer " keeps its space, an empty prefix sends the bare token.
	const prefix = credentials.headerPrefix === undefined || credentials.headerPrefix === null ? 'Bearer ' : String(credentials.headerPrefix);
	return { sendAs, headerName, prefix };
}

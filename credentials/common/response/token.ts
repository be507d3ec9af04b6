import { TokenAuthError } from '../errors';
import type { TokenEndpointResponse } from '../http';
import { readLifetimeSeconds } from './expiry';
import type { IssuedToken } from './issued-token';
import { describeKeys, kindOf, parseJsonResponse, readJsonPath } from './json';
import { refuseFailureStatus } from './status';
import { describeTokenTextProblem, findTokenTextProblem } from './text';

/** Where the response keeps each value (dot paths) and how the field is labelled for messages. */
export interface ResponseKeys {
	accessToken: string;
	expiresIn: string;
	refreshToken?: string;
	accessTokenLabel: string;
	expiresInLabel: string;
}

/** Turns a token endpoint's response into a token, or throws an error that says what was wrong. */
export function readTokenResponse(
	response: TokenEndpointResponse,
	keys: ResponseKeys,
	secrets: string[],
): IssuedToken {
	refuseFailureStatus(response, secrets);
	const json = parseJsonResponse(response);
	return {
		accessToken: readAccessToken(json, keys.accessToken, keys.accessTokenLabel),
		expiresInSeconds: readLifetimeSeconds(
			readJsonPath(json, keys.expiresIn),
			`The token endpoint's "${keys.expiresIn}" (${keys.expiresInLabel})`,
		),
		refreshToken: readRefreshToken(json, keys.refreshToken),
	};
}

/**
 * The access token at `key` (a dot path) of a parsed JSON response, trimmed and checked to travel
 * in a header; `label` names the field that set the key, for the message.
 */
export function readAccessToken(json: unknown, key: string, label: string): string {
	const accessToken = readJsonPath(json, key);
	if (accessToken === undefined || accessToken === null) {
		throw new TokenAuthError('RESPONSE_REFUSED',
			`The token endpoint answered without "${key}" (${label}). Keys in the answer: ${describeKeys(json)}`,
		);
	}
	if (typeof accessToken !== 'string') {
		throw new TokenAuthError('RESPONSE_REFUSED', `The token endpoint's "${key}" (${label}) is ${kindOf(accessToken)}, not a string`);
	}
	if (accessToken.trim() === '') {
		throw new TokenAuthError('RESPONSE_REFUSED', `The token endpoint's "${key}" (${label}) is empty`);
	}
	return headerSafe(accessToken.trim(), `"${key}" (${label})`);
}

function readRefreshToken(json: unknown, key: string | undefined): string | undefined {
	if (key === undefined) return undefined;
	const value = readJsonPath(json, key);
	return typeof value === 'string' && value.trim() !== '' ? headerSafe(value.trim(), `"${key}"`) : undefined;
}

/** Refuses the whole response (nothing is stored) when an issued token could not travel in a header. */
export function headerSafe(token: string, field: string): string {
	const problem = findTokenTextProblem(token);
	if (problem === undefined) return token;
	throw new TokenAuthError('RESPONSE_REFUSED',
		`The token endpoint's ${field} ${describeTokenTextProblem(problem)}: the token was refused and nothing was stored`,
	);
}

/* Reading a token from a login response's headers (n8n gives them lower-cased; set-cookie as a list). */

/** The value of a response header, without a leading "Bearer " (some logins response `Authorization: Bearer ...`). */
export function tokenFromHeader(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const lowerName = name.toLowerCase();
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === lowerName);
	const value = Array.isArray(entry?.[1]) ? entry?.[1][0] : entry?.[1];
	if (typeof value !== 'string') return undefined;
	const token = value.replace(/^bearer\s+/i, '').trim();
	return token === '' ? undefined : token;
}

/** The value of the cookie `name` the login set (Set-Cookie), or undefined. */
export function tokenFromCookie(headers: Record<string, unknown> | undefined, name: string): string | undefined {
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === 'set-cookie');
	const setCookies = Array.isArray(entry?.[1]) ? entry[1] : typeof entry?.[1] === 'string' ? [entry[1]] : [];
	for (const setCookie of setCookies) {
		if (typeof setCookie !== 'string') continue;
		const pair = setCookie.split(';')[0];
		const equals = pair.indexOf('=');
		if (equals > 0 && pair.slice(0, equals).trim() === name) {
			const value = pair.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
			if (value !== '') return value;
		}
	}
	return undefined;
}

/** Names of the headers and cookies a response had, for a message that helps pick the right key. */
export function describeHeaderNames(headers: Record<string, unknown> | undefined, cookies: boolean): string {
	const all = Object.entries(headers ?? {});
	const names = cookies
		? all
				.filter(([key]) => key.toLowerCase() === 'set-cookie')
				.flatMap(([, value]) => (Array.isArray(value) ? value : [value]))
				.map((setCookie) => String(setCookie).split('=')[0].trim())
		: all.map(([key]) => key);
	return names.length === 0 ? 'none' : names.slice(0, 15).join(', ');
}

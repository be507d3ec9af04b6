import { TokenAuthError } from '../errors';
import type { TokenEndpointResponse } from '../http';
import { readLifetimeSeconds } from './expiry';
import { describeKeys, kindOf, parseJsonResponse, readJsonPath } from './json';
import { refuseFailureStatus } from './status';
import { describeTokenTextProblem, findTokenTextProblem } from './text';

/** A token as the endpoint issued it. */
export interface IssuedToken {
	accessToken: string;
	/** Lifetime in seconds; absent when the answer gives none (the token is kept until rejected). */
	expiresInSeconds?: number;
	/** Absolute expiry in epoch ms, for answers that give a point in time instead of a lifetime. */
	expiresAt?: number;
	refreshToken?: string;
}

/** Where the answer keeps each value (dot paths) and how the field is labelled for messages. */
export interface ResponseKeys {
	accessToken: string;
	expiresIn: string;
	refreshToken?: string;
	accessTokenLabel: string;
	expiresInLabel: string;
}

/** Turns a token endpoint's answer into a token, or throws an error that says what was wrong. */
export function readTokenResponse(
	response: TokenEndpointResponse,
	keys: ResponseKeys,
	secrets: string[],
): IssuedToken {
	refuseFailureStatus(response, secrets);
	const answer = parseJsonResponse(response);
	const accessToken = readJsonPath(answer, keys.accessToken);
	if (accessToken === undefined || accessToken === null) {
		throw new TokenAuthError('RESPONSE_REFUSED',
			`The token endpoint answered without "${keys.accessToken}" (${keys.accessTokenLabel}). ` +
				`Keys in the answer: ${describeKeys(answer)}`,
		);
	}
	if (typeof accessToken !== 'string') {
		throw new TokenAuthError('RESPONSE_REFUSED',
			`The token endpoint's "${keys.accessToken}" (${keys.accessTokenLabel}) is ${kindOf(accessToken)}, not a string`,
		);
	}
	if (accessToken.trim() === '') {
		throw new TokenAuthError('RESPONSE_REFUSED', `The token endpoint's "${keys.accessToken}" (${keys.accessTokenLabel}) is empty`);
	}
	return {
		accessToken: headerSafe(accessToken.trim(), `"${keys.accessToken}" (${keys.accessTokenLabel})`),
		expiresInSeconds: readLifetimeSeconds(
			readJsonPath(answer, keys.expiresIn),
			`The token endpoint's "${keys.expiresIn}" (${keys.expiresInLabel})`,
		),
		refreshToken: readRefreshToken(answer, keys.refreshToken),
	};
}

function readRefreshToken(answer: unknown, key: string | undefined): string | undefined {
	if (key === undefined) return undefined;
	const value = readJsonPath(answer, key);
	return typeof value === 'string' && value.trim() !== '' ? headerSafe(value.trim(), `"${key}"`) : undefined;
}

/** Refuses the whole answer (nothing is stored) when an issued token could not travel in a header. */
export function headerSafe(token: string, field: string): string {
	const problem = findTokenTextProblem(token);
	if (problem === undefined) return token;
	throw new TokenAuthError('RESPONSE_REFUSED',
		`The token endpoint's ${field} ${describeTokenTextProblem(problem)}: the token was refused and nothing was stored`,
	);
}


/** Reads a token from a login answer's headers (n8n gives them lower-cased; set-cookie as a list). */

/** The value of a response header, without a leading "Bearer " (some logins answer `Authorization: Bearer ...`). */
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

/** Names of the headers and cookies an answer had, for a message that helps pick the right key. */
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

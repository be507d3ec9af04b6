import { readJsonPath } from './json-path';
import { describeKeys, kindOf } from './json-value';
import { TokenAuthError } from '../errors';
import { tokenEndpointFailure } from '../http/endpoint-failure';
import { readLifetimeSeconds } from './lifetime';
import { describeTokenTextProblem, findTokenTextProblem } from './text';

/** What a token endpoint answered, as n8n's httpRequest helper returns it with returnFullResponse. */
export interface TokenEndpointResponse {
	statusCode: number;
	body: unknown;
	headers?: Record<string, unknown>;
}

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
export interface AnswerKeys {
	accessToken: string;
	expiresIn: string;
	refreshToken?: string;
	accessTokenLabel: string;
	expiresInLabel: string;
}

/** Turns a token endpoint's answer into a token, or throws an error that says what was wrong. */
export function readTokenAnswer(
	response: TokenEndpointResponse,
	keys: AnswerKeys,
	secrets: string[],
): IssuedToken {
	refuseFailureStatus(response, secrets);
	const answer = parseJsonAnswer(response);
	const accessToken = readJsonPath(answer, keys.accessToken);
	if (accessToken === undefined || accessToken === null) {
		throw new TokenAuthError(
			`The token endpoint answered without "${keys.accessToken}" (${keys.accessTokenLabel}). ` +
				`Keys in the answer: ${describeKeys(answer)}`,
		);
	}
	if (typeof accessToken !== 'string') {
		throw new TokenAuthError(
			`The token endpoint's "${keys.accessToken}" (${keys.accessTokenLabel}) is ${kindOf(accessToken)}, not a string`,
		);
	}
	if (accessToken.trim() === '') {
		throw new TokenAuthError(`The token endpoint's "${keys.accessToken}" (${keys.accessTokenLabel}) is empty`);
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

/** Throws the token endpoint's failure (refused login or server error) for a non-2xx answer. */
export function refuseFailureStatus(response: TokenEndpointResponse, secrets: string[]): void {
	if (response.statusCode < 200 || response.statusCode > 299) {
		throw tokenEndpointFailure(response.statusCode, parseMaybeJson(response.body), secrets);
	}
}

/** Refuses the whole answer (nothing is stored) when an issued token could not travel in a header. */
export function headerSafe(token: string, field: string): string {
	const problem = findTokenTextProblem(token);
	if (problem === undefined) return token;
	throw new TokenAuthError(
		`The token endpoint's ${field} ${describeTokenTextProblem(problem)}: the token was refused and nothing was stored`,
	);
}

/** The answer's JSON object; throws a message saying what came instead (HTML, empty, not an object). */
export function parseJsonAnswer(response: TokenEndpointResponse): unknown {
	const { body } = response;
	if (body !== null && typeof body === 'object' && !isBinary(body)) return body;
	const text = isBinary(body) ? Buffer.from(body as Uint8Array).toString('utf8') : String(body ?? '');
	const contentType = String(response.headers?.['content-type'] ?? '');
	if (/html/i.test(contentType) || /^\s*</.test(text)) {
		throw new TokenAuthError(
			`The token endpoint answered HTML, not JSON (HTTP ${response.statusCode}): check the Access Token URL`,
		);
	}
	if (text.trim() === '') {
		throw new TokenAuthError(`The token endpoint answered an empty body (HTTP ${response.statusCode}), not JSON`);
	}
	const parsed = parseMaybeJson(text);
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new TokenAuthError(
			`The token endpoint answered something that is not a JSON object (HTTP ${response.statusCode})`,
		);
	}
	return parsed;
}

/** Parses JSON text when it is JSON; returns anything else as it came. */
export function parseMaybeJson(body: unknown): unknown {
	const text = isBinary(body) ? Buffer.from(body as Uint8Array).toString('utf8') : body;
	if (typeof text !== 'string') return text;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

function isBinary(value: unknown): boolean {
	return value instanceof Uint8Array || value instanceof ArrayBuffer;
}


import { TokenAuthError } from '../errors';
import type { TokenEndpointResponse } from '../http';

/** Reading JSON that a user typed or a server sent: parsing without throwing, describing in messages. */

export function parseJsonOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** A value's kind in words ("an array", "null", "a number"), never the value itself. */
export function kindOf(value: unknown): string {
	if (Array.isArray(value)) return 'an array';
	if (value === null) return 'null';
	if (typeof value === 'object') return 'an object';
	return `a ${typeof value}`;
}

/** The first keys of an object, to help pick the right key path; 'none' for anything else. */
export function describeKeys(value: unknown): string {
	const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
	return keys.length === 0 ? 'none' : keys.slice(0, 10).join(', ');
}

/**
 * Reads a value from a parsed JSON response by a dot path (`data.auth.token`).
 * A key that itself contains dots is found too: the whole path is tried before splitting.
 */
export function readJsonPath(json: unknown, path: string): unknown {
	if (json === null || typeof json !== 'object') return undefined;
	const record = json as Record<string, unknown>;
	if (path in record) return record[path];
	const dot = path.indexOf('.');
	if (dot === -1) return undefined;
	return readJsonPath(record[path.slice(0, dot)], path.slice(dot + 1));
}

/** The response's JSON object; throws a message saying what came instead (HTML, empty, not an object). */
export function parseJsonResponse(response: TokenEndpointResponse): unknown {
	const { body: text } = response;
	const contentType = String(response.headers?.['content-type'] ?? '');
	if (/html/i.test(contentType) || /^\s*</.test(text)) {
		throw new TokenAuthError('RESPONSE_REFUSED',
			`The token endpoint answered HTML, not JSON (HTTP ${response.statusCode}): check the Access Token URL`,
		);
	}
	if (text.trim() === '') {
		throw new TokenAuthError('RESPONSE_REFUSED', `The token endpoint answered an empty body (HTTP ${response.statusCode}), not JSON`);
	}
	const parsed = parseMaybeJson(text);
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new TokenAuthError('RESPONSE_REFUSED',
			`The token endpoint answered something that is not a JSON object (HTTP ${response.statusCode})`,
		);
	}
	return parsed;
}

/** Parses JSON text when it is JSON; returns any other text as it came. */
export function parseMaybeJson(text: string): unknown {
	const parsed = parseJsonOrUndefined(text);
	return parsed === undefined ? text : parsed;
}

import { TokenAuthError } from '../errors';
import { parseJsonObject } from '../fields';

/**
 * The JSON body of a login: each field written at its dot path (`auth.user` nests as
 * {"auth":{"user":...}}), over the extra fields. A path that crosses a value that is not an
 * object is an error naming it, never a silent overwrite.
 */
export function jsonLoginBody(fields: Array<[path: string, value: unknown]>, extra: Record<string, unknown>): Record<string, unknown> {
	const body: Record<string, unknown> = structuredCloneOf(extra);
	for (const [path, value] of fields) setJsonPath(body, path, value);
	return body;
}

/** The form body of a login: field names as written (dot paths are not nested in a form). */
export function formLoginBody(fields: Array<[name: string, value: string]>, extra: Record<string, unknown>): URLSearchParams {
	const form = new URLSearchParams();
	for (const [name, value] of Object.entries(extra)) {
		if (value !== null && typeof value === 'object') {
			throw new TokenAuthError('SETTINGS_INVALID', `Extra Login Fields: "${name}" holds an object, which a form body cannot carry`);
		}
		form.set(name, String(value));
	}
	for (const [name, value] of fields) form.set(name, value);
	return form;
}

export function setJsonPath(target: Record<string, unknown>, path: string, value: unknown): void {
	const keys = path.split('.');
	if (keys.some((key) => key === '')) throw new TokenAuthError('SETTINGS_INVALID', `"${path}" is not a usable field path (empty part)`);
	let node = target;
	for (const key of keys.slice(0, -1)) {
		const next = node[key];
		if (next === undefined) node[key] = {};
		else if (next === null || typeof next !== 'object' || Array.isArray(next)) {
			throw new TokenAuthError('SETTINGS_INVALID', `"${path}" cannot be set: "${key}" already holds a value that is not an object`);
		}
		node = node[key] as Record<string, unknown>;
	}
	node[keys[keys.length - 1]] = value;
}

function structuredCloneOf(value: Record<string, unknown>): Record<string, unknown> {
	return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

/** Extra Login Fields: a JSON object whose values keep their JSON types (true stays a boolean). */
export function parseExtraLoginFields(text: unknown): Record<string, unknown> {
	return parseJsonObject('Extra Login Fields', text, '{"remember": true}');
}

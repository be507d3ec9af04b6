import { TokenAuthError } from './token-auth-error';

/** Parses a credential field that must hold a JSON object of strings (Headers, Body Parameters). */
export function parseJsonObjectField(label: string, text: unknown): Record<string, string> {
	if (text === undefined || text === null || text === '') return {};
	let parsed: unknown = text;
	if (typeof text === 'string') {
		if (text.trim() === '') return {};
		parsed = parseJsonOrUndefined(text);
		if (parsed === undefined) {
			throw new TokenAuthError(`${label} is not valid JSON: write an object such as {"key": "value"}`);
		}
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new TokenAuthError(`${label} must be a JSON object such as {"key": "value"}`);
	}
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
		if (value === null || typeof value === 'object') {
			throw new TokenAuthError(`${label}: the value of "${key}" must be a string, number or boolean`);
		}
		result[key] = String(value);
	}
	return result;
}

/**
 * Checks that a URL field holds an absolute http(s) URL; returns it trimmed. User info
 * (`https://name:password@host`) is refused: the request helper would send it as HTTP Basic in
 * place of the credential's own fields, silently. The message never repeats it.
 */
export function requireHttpUrl(label: string, value: unknown): string {
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new TokenAuthError(`${label} is empty: enter the http(s) URL of the token endpoint`);
	const url = parseUrlOrUndefined(text);
	if (url === undefined) throw new TokenAuthError(`${label} is not a valid URL: enter an absolute http(s) URL`);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new TokenAuthError(`${label} must start with http:// or https://, not ${url.protocol}//`);
	}
	if (url.username !== '' || url.password !== '') {
		throw new TokenAuthError(
			`${label} contains a user name or password before the host ("...@${url.host}"): remove it, ` +
				'the login goes in the credential\'s own fields',
		);
	}
	return text;
}

/** Returns a trimmed text field, or throws naming the field when it is required and empty. */
export function readTextField(label: string, value: unknown, required: boolean): string {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (required && text === '') throw new TokenAuthError(`${label} is empty`);
	return text;
}

/** Returns a secret as typed (a password may begin or end with a space), checking only presence. */
export function readSecretField(label: string, value: unknown, required: boolean): string {
	const text = value === undefined || value === null ? '' : String(value);
	if (required && text === '') throw new TokenAuthError(`${label} is empty`);
	return text;
}

function parseJsonOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

function parseUrlOrUndefined(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

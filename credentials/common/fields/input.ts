import type { IHttpRequestMethods } from 'n8n-workflow';

import { TokenAuthError } from '../errors';
import { parseJsonOrUndefined } from '../response';

/**
 * Parses a credential field that must hold a JSON object; values keep their JSON types. Empty
 * means {}. `example` shows the user what to write.
 */
export function parseJsonObject(label: string, text: unknown, example = '{"key": "value"}'): Record<string, unknown> {
	if (text === undefined || text === null || (typeof text === 'string' && text.trim() === '')) return {};
	const parsed = typeof text === 'string' ? parseJsonOrUndefined(text) : text;
	if (parsed === undefined) throw new TokenAuthError('SETTINGS_INVALID', `${label} is not valid JSON: write an object such as ${example}`);
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new TokenAuthError('SETTINGS_INVALID', `${label} must be a JSON object such as ${example}`);
	}
	return parsed as Record<string, unknown>;
}

/** Parses a credential field that must hold a JSON object of strings (Headers, Body Parameters). */
export function parseJsonObjectField(label: string, text: unknown): Record<string, string> {
	const result: Record<string, string> = {};
	for (const [key, value] of Object.entries(parseJsonObject(label, text))) {
		if (value === null || typeof value === 'object') {
			throw new TokenAuthError('SETTINGS_INVALID', `${label}: the value of "${key}" must be a string, number or boolean`);
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
	if (text === '') throw new TokenAuthError('SETTINGS_INVALID', `${label} is empty: enter the http(s) URL of the token endpoint`);
	const url = parseUrlOrUndefined(text);
	if (url === undefined) throw new TokenAuthError('SETTINGS_INVALID', `${label} is not a valid URL: enter an absolute http(s) URL`);
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new TokenAuthError('SETTINGS_INVALID', `${label} must start with http:// or https://, not ${url.protocol}//`);
	}
	if (url.username !== '' || url.password !== '') {
		throw new TokenAuthError('SETTINGS_INVALID',
			`${label} contains a user name or password before the host ("...@${url.host}"): remove it, ` +
				'the login goes in the credential\'s own fields',
		);
	}
	return text;
}

/** Returns a trimmed text field, or throws naming the field when it is required and empty. */
export function readTextField(label: string, value: unknown, required: boolean): string {
	const text = value === undefined || value === null ? '' : String(value).trim();
	if (required && text === '') throw new TokenAuthError('SETTINGS_INVALID', `${label} is empty`);
	return text;
}

/** Returns a secret as typed (a password may begin or end with a space), checking only presence. */
export function readSecretField(label: string, value: unknown, required: boolean): string {
	const text = value === undefined || value === null ? '' : String(value);
	if (required && text === '') throw new TokenAuthError('SETTINGS_INVALID', `${label} is empty`);
	return text;
}

function parseUrlOrUndefined(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/** A field whose value must be one of a fixed list of choices. */
export function readChoice<T extends string>(label: string, value: unknown, allowed: readonly T[]): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	throw new TokenAuthError('SETTINGS_INVALID', `${label} must be one of ${allowed.join(', ')}, not ${String(value)}`);
}

/** The HTTP Operation field of a token request: POST when empty, any case accepted. */
export function readHttpOperation(value: unknown, allowed: readonly IHttpRequestMethods[]): IHttpRequestMethods {
	return readChoice('HTTP Operation', (readTextField('HTTP Operation', value, false) || 'POST').toUpperCase(), allowed);
}

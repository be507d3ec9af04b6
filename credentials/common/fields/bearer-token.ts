import type { INodeProperties } from 'n8n-workflow';

import { TokenAuthError } from '../errors';
import { describeTokenTextProblem, findTokenTextProblem, type TokenTextProblem } from '../response';

/** The Bearer Token API's Token: declared here, read by `readBearerToken` below. */
export const bearerTokenField: INodeProperties = {
	displayName: 'Token',
	name: 'token',
	type: 'string',
	typeOptions: { password: true },
	default: '',
	required: true,
	description: 'Sent as "Authorization: Bearer <token>"; surrounding spaces and newlines are removed',
};

/**
 * A static token, checked before any request: surrounding whitespace and newlines (a paste from
 * a terminal or a file) are removed; anything inside that cannot travel in a header is refused.
 */
export function readBearerToken(value: unknown): string {
	const token = typeof value === 'string' ? value.trim() : '';
	if (token === '') throw new TokenAuthError('SETTINGS_INVALID', 'Token is empty: paste the token your provider issued');
	if (/^bearer\s/i.test(token)) {
		throw new TokenAuthError('SETTINGS_INVALID', 'Token starts with "Bearer ": paste the token alone, the prefix is added for you');
	}
	const problem = findTokenTextProblem(token);
	if (problem === undefined) return token;
	throw new TokenAuthError('SETTINGS_INVALID', PASTE_HINTS[problem.kind] ?? `Token ${describeTokenTextProblem(problem)}`);
}

/** What a user who pasted the token can do about each problem. */
const PASTE_HINTS: Partial<Record<TokenTextProblem['kind'], string>> = {
	'line break': 'Token contains a line break: paste it on one line',
	'control character': 'Token contains control characters',
	whitespace: 'Token contains whitespace inside it: check that it was copied whole',
};

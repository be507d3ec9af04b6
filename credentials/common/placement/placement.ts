import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { takeHeader } from './headers';

/** Where a request carries the token (the Token Login API's Send Token As choices). */
export type TokenPlacement =
	| { sendAs: 'header'; headerName: string; prefix: string }
	| { sendAs: 'query'; parameterName: string }
	| { sendAs: 'cookie'; cookieName: string };

/**
 * Puts the token on a request. n8n hands `authenticate` the HTTP Request node's legacy shape
 * (`uri`, `qs`, `headers`) or other nodes' shape (`url`, `qs`, `headers`); both read `qs` and
 * `headers`, so the token goes there. A value the request already had under that name is replaced.
 */
export function placeToken(requestOptions: IHttpRequestOptions, placement: TokenPlacement, token: string): IHttpRequestOptions {
	switch (placement.sendAs) {
		case 'header':
			takeHeader(requestOptions, placement.headerName);
			requestOptions.headers = { ...requestOptions.headers, [placement.headerName]: `${placement.prefix}${token}` };
			return requestOptions;
		case 'query':
			requestOptions.qs = { ...(requestOptions.qs as IDataObject | undefined), [placement.parameterName]: token };
			return requestOptions;
		case 'cookie':
			requestOptions.headers = {
				...requestOptions.headers,
				Cookie: withCookie(takeHeader(requestOptions, 'cookie'), placement.cookieName, token),
			};
			return requestOptions;
	}
}

/** Adds `name=value` to a Cookie header, keeping the other cookies the request already sends. */
export function withCookie(existing: unknown, name: string, value: string): string {
	const others = (Array.isArray(existing) ? existing.join('; ') : typeof existing === 'string' ? existing : '')
		.split(';')
		.map((pair) => pair.trim())
		.filter((pair) => pair !== '' && pair.split('=')[0].trim() !== name);
	return [...others, `${name}=${value}`].join('; ');
}

import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/** Removes a header whatever its case (n8n requests may carry `authorization` or `Authorization`) and returns its value. */
export function takeHeader(requestOptions: IHttpRequestOptions, name: string): unknown {
	const headers = requestOptions.headers as IDataObject | undefined;
	if (headers === undefined) return undefined;
	const lowerName = name.toLowerCase();
	let value: unknown;
	for (const key of Object.keys(headers)) {
		if (key.toLowerCase() === lowerName) {
			value = headers[key];
			delete headers[key];
		}
	}
	return value;
}

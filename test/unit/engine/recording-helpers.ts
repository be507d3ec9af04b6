import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

/** n8n's request helper, answering every token call with 200 (its URL as the body) and recording the URLs called. */
export function helpersRecording(urls: string[]): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (request: IHttpRequestOptions) => {
				urls.push(request.url);
				return { statusCode: 200, headers: {}, body: request.url };
			},
		},
	} as unknown as IHttpRequestHelper;
}

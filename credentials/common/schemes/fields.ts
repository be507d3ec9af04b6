import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

/** n8n's usual label and field name for accepting any certificate, here for the token requests. */
export const ignoreSslIssuesField: INodeProperties = {
	displayName: 'Ignore SSL Issues (Insecure)',
	name: 'allowUnauthorizedCerts',
	type: 'boolean',
	default: false,
	description: 'Whether to connect to the token endpoint even if its SSL certificate cannot be validated',
};

/** Use Raw Token: the field `authorizationPlacement` reads (the bare token in the Authorization header). */
export const useRawTokenField: INodeProperties = {
	displayName: 'Use Raw Token',
	name: 'omitBearerPrefix',
	type: 'boolean',
	default: false,
	description: 'Whether to send the token without the "Bearer " prefix in the Authorization header',
};

/** Test URL: where the editor's Test sends the credential's signed or authorized GET (`testUrlRequest`). */
export function testUrlField(placeholder: string): INodeProperties {
	return {
		displayName: 'Test URL',
		name: 'testUrl',
		type: 'string',
		default: '',
		placeholder,
		description: 'Used only by the credential test: an endpoint that answers a signed GET with 2xx',
	};
}

export const testUrlRequest: ICredentialTestRequest = { request: { url: '={{$credentials.testUrl}}', method: 'GET' } };

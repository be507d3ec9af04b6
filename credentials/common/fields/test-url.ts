import type { ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

/**
 * Test URL of the types without a login to test (Bearer Token, Self-Signed JWT, the signing types):
 * the Test button GETs it, authenticated; the placeholder shows an endpoint of the type's kind of API.
 */
export function testUrlField(placeholder = 'https://api.example.com/me'): INodeProperties {
	return {
		displayName: 'Test URL',
		name: 'testUrl',
		type: 'string',
		default: '',
		placeholder,
		description: 'Used only by the credential test: an endpoint that answers an authorized GET with 2xx',
	};
}

/** The credential test of those types: a GET to the Test URL, authenticated as every request. */
export const testUrlRequest: ICredentialTestRequest = { request: { url: '={{$credentials.testUrl}}', method: 'GET' } };

import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { authorizationPlacement, placeToken } from './common/placement';
import { readBearerToken, testUrlField, testUrlRequest } from './common/schemes';

export class BearerTokenApi implements ICredentialType {
	name = 'bearerTokenApi';

	displayName = 'Bearer Token API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-token-auth#bearer-token-api';

	icon: Icon = { light: 'file:../icons/bearerToken.svg', dark: 'file:../icons/bearerToken.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sent as "Authorization: Bearer <token>"; surrounding spaces and newlines are removed',
		},
		testUrlField,
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
		return placeToken(requestOptions, authorizationPlacement(credentials), readBearerToken(credentials.token));
	}

	test: ICredentialTestRequest = testUrlRequest;
}

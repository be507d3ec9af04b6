import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { authorizationPlacement, bearerTokenField, readBearerToken, testUrlField, testUrlRequest } from './common/fields';
import { placeToken } from './common/placement';

export class BearerTokenApi implements ICredentialType {
	name = 'bearerTokenApi';

	displayName = 'Bearer Token API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-token-auth#bearer-token-api';

	icon: Icon = { light: 'file:../icons/bearerToken.svg', dark: 'file:../icons/bearerToken.dark.svg' };

	properties: INodeProperties[] = [
		bearerTokenField,
		testUrlField(),
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
		return placeToken(requestOptions, authorizationPlacement(credentials), readBearerToken(credentials.token));
	}

	test: ICredentialTestRequest = testUrlRequest;
}

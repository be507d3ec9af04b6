import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { testUrlField, testUrlRequest } from './common/fields';
import { signRequest } from './common/signing';
import { readSigV4Signer, sigV4KeyFields, sigV4ScopeFields } from './common/signing/sigv4';

export class AwsSigV4Api implements ICredentialType {
	name = 'awsSigV4Api';

	displayName = 'AWS Signature V4 API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-token-auth#aws-signature-v4-api';

	icon: Icon = { light: 'file:../icons/awsSigV4.svg', dark: 'file:../icons/awsSigV4.dark.svg' };

	properties: INodeProperties[] = [
		...sigV4KeyFields('sessionToken'),
		...sigV4ScopeFields,
		testUrlField('https://abc123.execute-api.us-east-1.amazonaws.com/prod/health'),
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
		return signRequest(requestOptions, readSigV4Signer(credentials));
	}

	test: ICredentialTestRequest = testUrlRequest;
}

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
import { readSigV4Signer } from './common/signing/sigv4';

export class AwsSigV4Api implements ICredentialType {
	name = 'awsSigV4Api';

	displayName = 'AWS Signature V4 API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-token-auth#aws-signature-v4-api';

	icon: Icon = { light: 'file:../icons/awsSigV4.svg', dark: 'file:../icons/awsSigV4.dark.svg' };

	properties: INodeProperties[] = [
		{ displayName: 'Access Key ID', name: 'accessKeyId', type: 'string', default: '', required: true },
		{ displayName: 'Secret Access Key', name: 'secretAccessKey', type: 'string', typeOptions: { password: true }, default: '', required: true },
		{
			displayName: 'Session Token',
			name: 'sessionToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'For temporary credentials only; sent as X-Amz-Security-Token',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'us-east-1',
			description: 'The region the request is signed for; never read from the host name (R2 uses "auto")',
		},
		{
			displayName: 'Service',
			name: 'service',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'execute-api',
			description: 'The signing name: execute-api (API Gateway), s3 (S3, MinIO, R2, Wasabi), es or aoss (OpenSearch), bedrock, ...',
		},
		{
			displayName: 'Payload Signing',
			name: 'payloadSigning',
			type: 'options',
			options: [
				{ name: 'Signed (SHA-256 of the Body)', value: 'signed' },
				{ name: 'Unsigned (UNSIGNED-PAYLOAD)', value: 'unsigned', description: 'For S3-style uploads and multipart bodies' },
			],
			default: 'signed',
		},
		testUrlField('https://abc123.execute-api.us-east-1.amazonaws.com/prod/health'),
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
		return signRequest(requestOptions, readSigV4Signer(credentials));
	}

	test: ICredentialTestRequest = testUrlRequest;
}

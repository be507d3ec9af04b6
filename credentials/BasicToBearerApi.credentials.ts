import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { storedTokenFields, tokenHooks } from './common/engine';
import { ignoreSslIssuesField, useRawTokenField } from './common/fields';
import { basicToBearerScheme } from './common/schemes';

const hooks = tokenHooks(basicToBearerScheme);

export class BasicToBearerApi implements ICredentialType {
	name = 'basicToBearerApi';

	displayName = 'Basic to Bearer API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-token-auth#basic-to-bearer-api';

	icon: Icon = { light: 'file:../icons/tokenAuth.svg', dark: 'file:../icons/tokenAuth.dark.svg' };

	properties: INodeProperties[] = [
		{ displayName: 'Username', name: 'username', type: 'string', default: '', required: true },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.example.com/auth/token',
			description: 'Where the username and password are exchanged for an access token',
		},
		{
			displayName: 'Access Token Extraction Key',
			name: 'accessExtractionKey',
			type: 'string',
			default: 'access_token',
			description: 'Key of the token in the JSON answer; a dot path such as data.token reaches nested values',
		},
		{
			displayName: 'Expires In Extraction Key',
			name: 'expiresInExtractionKey',
			type: 'string',
			default: 'expires_in',
			description: 'Key of the lifetime in seconds in the JSON answer; without it the token is kept until the API rejects it',
		},
		{
			displayName: 'HTTP Operation',
			name: 'method',
			type: 'options',
			options: [
				{ name: 'GET', value: 'GET' },
				{ name: 'POST', value: 'POST' },
				{ name: 'PUT', value: 'PUT' },
			],
			default: 'POST',
			description: 'HTTP method of the token request',
		},
		{
			displayName: 'Headers',
			name: 'headers',
			type: 'json',
			default: '{}',
			description: 'Extra headers for the token request, as a JSON object: {"apiKey": "api_key_value"}',
		},
		useRawTokenField,
		ignoreSslIssuesField,
		...storedTokenFields,
	];

	preAuthentication = hooks.preAuthentication;

	authenticate = hooks.authenticate;

	test = hooks.test;
}

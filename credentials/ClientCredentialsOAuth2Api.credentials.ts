import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { proofOfPossessionFields } from './common/dpop';
import { storedTokenFields, tokenHooks } from './common/engine';
import { ignoreSslIssuesField, useRawTokenField } from './common/fields';
import { assertionAudienceField, clientAuthenticationField, clientIdField, clientSecretField, keyFileField, signingKeyFields } from './common/oauth2';
import { clientCredentialsScheme } from './common/schemes';

const hooks = tokenHooks(clientCredentialsScheme);

export class ClientCredentialsOAuth2Api implements ICredentialType {
	name = 'clientCredentialsOAuth2Api';

	displayName = 'OAuth2 Client Credentials API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-token-auth#oauth2-client-credentials-api';

	icon: Icon = { light: 'file:../icons/tokenAuth.svg', dark: 'file:../icons/tokenAuth.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: '',
			placeholder: 'https://auth.example.com/oauth/token',
			description: 'Where the token is requested; empty with a Google Key File: its token_uri',
		},
		clientAuthenticationField(['header', 'body', 'privateKeyJwt', 'clientSecretJwt']),
		clientIdField(),
		clientSecretField(['header', 'body', 'clientSecretJwt']),
		keyFileField('Client Id', ['privateKeyJwt']),
		...signingKeyFields(['privateKeyJwt']),
		assertionAudienceField,
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '', description: 'Space-separated scopes to request' },
		{
			displayName: 'Body Parameters',
			name: 'bodyParameters',
			type: 'json',
			default: '{}',
			description: 'Extra form parameters for the token request, as a JSON object: {"audience": "https://api.example.com"}',
		},
		{
			displayName: 'Headers',
			name: 'headers',
			type: 'json',
			default: '{}',
			description: 'Extra headers for the token request, as a JSON object: {"key": "value"}',
		},
		...proofOfPossessionFields,
		useRawTokenField,
		ignoreSslIssuesField,
		...storedTokenFields,
	];

	preAuthentication = hooks.preAuthentication;

	authenticate = hooks.authenticate;

	test = hooks.test;
}

import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { proofOfPossessionFields } from './common/dpop';
import { storedTokenFields, tokenHooks } from './common/engine';
import { ignoreSslIssuesField, useRawTokenField } from './common/fields';
import { assertionAudienceField, clientAuthenticationField, signingKeyFields } from './common/oauth2';
import { passwordGrantScheme } from './common/schemes';

const hooks = tokenHooks(passwordGrantScheme);

export class PasswordGrantOAuth2Api implements ICredentialType {
	name = 'passwordGrantOAuth2Api';

	displayName = 'OAuth2 Password Grant API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-token-auth#oauth2-password-grant-api';

	icon: Icon = { light: 'file:../icons/tokenAuth.svg', dark: 'file:../icons/tokenAuth.dark.svg' };

	properties: INodeProperties[] = [
		{ displayName: 'Client Id', name: 'clientId', type: 'string', default: '' },
		{ displayName: 'Client Secret', name: 'clientSecret', type: 'string', typeOptions: { password: true }, default: '' },
		{ displayName: 'Username', name: 'username', type: 'string', default: '', required: true },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'string',
			default: 'password',
			description: 'The grant_type sent with the username and password; some servers expect a variant',
		},
		{
			displayName: 'Headers',
			name: 'headers',
			type: 'json',
			default: '{}',
			description: 'Extra headers for the token requests, as a JSON object: {"key": "value"}',
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://auth.example.com/oauth/token',
		},
		{
			displayName: 'Refresh Token URL',
			name: 'refreshTokenUrl',
			type: 'string',
			default: '',
			description: 'Where a refresh token is exchanged for a new access token; empty uses the Access Token URL',
		},
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '', description: 'Space-separated scopes to request' },
		clientAuthenticationField(['header', 'body', 'privateKeyJwt', 'clientSecretJwt'], 'passwordGrant'),
		...signingKeyFields(['privateKeyJwt']),
		assertionAudienceField,
		...proofOfPossessionFields,
		useRawTokenField,
		{
			displayName: 'Body Parameters',
			name: 'bodyParameters',
			type: 'json',
			default: '{}',
			description: 'Extra form parameters for the token requests, as a JSON object: {"key": "value"}',
		},
		ignoreSslIssuesField,
		...storedTokenFields,
	];

	preAuthentication = hooks.preAuthentication;

	authenticate = hooks.authenticate;

	test = hooks.test;
}

import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { proofOfPossessionFields } from './common/dpop';
import { storedTokenFields, tokenHooks } from './common/engine';
import { ignoreSslIssuesField, useRawTokenField } from './common/fields';
import { assertionAudienceField, clientAuthenticationField, clientIdField, clientSecretField, keyFileField, signingKeyFields, tokenToUseFields } from './common/oauth2';
import { jwtBearerScheme } from './common/schemes';

const hooks = tokenHooks(jwtBearerScheme);

export class JwtBearerOAuth2Api implements ICredentialType {
	name = 'jwtBearerOAuth2Api';

	displayName = 'OAuth2 JWT Bearer API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-token-auth#oauth2-jwt-bearer-api';

	icon: Icon = { light: 'file:../icons/tokenAuth.svg', dark: 'file:../icons/tokenAuth.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: '',
			placeholder: 'https://login.example.com/services/oauth2/token',
			description: 'Where the assertion is sent; empty with a Google Key File: its token_uri',
		},
		{ displayName: 'Issuer', name: 'issuer', type: 'string', default: '', description: 'The iss claim: who signs the assertion, often the client ID; empty with a Key File: its owner' },
		{ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: 'The sub claim, e.g. the user to act as; optional' },
		{ displayName: 'Audience', name: 'audience', type: 'string', default: '', description: 'The aud claim; empty: the Access Token URL' },
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '', description: 'Sent as the scope parameter of the token request' },
		{
			displayName: 'Extra Claims',
			name: 'extraClaims',
			type: 'json',
			default: '{}',
			description: 'More claims for the assertion, as a JSON object: {"scope": "https://www.googleapis.com/auth/drive"}',
		},
		{ displayName: 'Assertion Lifetime', name: 'assertionLifetime', type: 'number', default: 300, description: 'Seconds from iat to exp of each assertion' },
		...tokenToUseFields,
		keyFileField('Issuer'),
		...signingKeyFields(),
		clientAuthenticationField(['none', 'header', 'body', 'privateKeyJwt', 'clientSecretJwt']),
		clientIdField(['header', 'body', 'privateKeyJwt', 'clientSecretJwt']),
		clientSecretField(['header', 'body', 'clientSecretJwt']),
		assertionAudienceField,
		{
			displayName: 'Body Parameters',
			name: 'bodyParameters',
			type: 'json',
			default: '{}',
			description: 'Extra form parameters for the token request, as a JSON object: {"key": "value"}',
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

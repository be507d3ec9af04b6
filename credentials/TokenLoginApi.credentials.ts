import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { storedTokenFields, tokenHooks } from './common/engine';
import { ignoreSslIssuesField } from './common/fields';
import { tokenLoginScheme } from './common/schemes';

const hooks = tokenHooks(tokenLoginScheme, 'loginUrl');

const inBody = { show: { sendCredentialsAs: ['jsonBody', 'formBody'] } };

export class TokenLoginApi implements ICredentialType {
	name = 'tokenLoginApi';

	displayName = 'Token Login API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-token-auth#token-login-api';

	icon: Icon = { light: 'file:../icons/tokenAuth.svg', dark: 'file:../icons/tokenAuth.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Login URL',
			name: 'loginUrl',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://api.example.com/auth/login',
			description: 'Where the username and password are exchanged for a token',
		},
		{
			displayName: 'HTTP Operation',
			name: 'method',
			type: 'options',
			options: [
				{ name: 'POST', value: 'POST' },
				{ name: 'GET', value: 'GET' },
				{ name: 'PUT', value: 'PUT' },
			],
			default: 'POST',
			description: 'HTTP method of the login request; a GET sends the login fields in the query string',
		},
		{
			displayName: 'Headers',
			name: 'headers',
			type: 'json',
			default: '{}',
			description: 'Extra headers for the login request, as a JSON object: {"x-api-key": "value"}',
		},
		{
			displayName: 'Send Credentials As',
			name: 'sendCredentialsAs',
			type: 'options',
			options: [
				{ name: 'JSON Body', value: 'jsonBody' },
				{ name: 'Form Body', value: 'formBody' },
				{ name: 'Basic Auth Header', value: 'basicAuth' },
			],
			default: 'jsonBody',
		},
		{ displayName: 'Username', name: 'username', type: 'string', default: '', required: true },
		{ displayName: 'Password', name: 'password', type: 'string', typeOptions: { password: true }, default: '' },
		{
			displayName: 'Username Field',
			name: 'usernameField',
			type: 'string',
			default: 'username',
			displayOptions: inBody,
			description: 'Name of the username in the body; in JSON a dot path such as auth.email nests it',
		},
		{
			displayName: 'Password Field',
			name: 'passField',
			type: 'string',
			default: 'password',
			displayOptions: inBody,
			description: 'Name of the password in the body; in JSON a dot path such as auth.password nests it',
		},
		{
			displayName: 'Extra Login Fields',
			name: 'extraLoginFields',
			type: 'json',
			default: '{}',
			description: 'Fixed fields merged into the login body, as a JSON object: {"remember": true}',
		},
		{
			displayName: 'Token Location',
			name: 'answerLocation',
			type: 'options',
			options: [
				{ name: 'Response Body', value: 'body' },
				{ name: 'Response Header', value: 'header' },
				{ name: 'Cookie', value: 'cookie' },
			],
			default: 'body',
			description: 'Where the login answer carries the token',
		},
		{
			displayName: 'Token Key',
			name: 'answerKey',
			type: 'string',
			default: 'token',
			description: 'A dot path in the JSON body (data.token), a header name, or a cookie name, as Token Location says',
		},
		{
			displayName: 'Expiry Key',
			name: 'expiryKey',
			type: 'string',
			default: '',
			description:
				'Dot path of the expiry in the JSON body; empty: none, then a JWT token\'s "exp" claim, else the token is kept until the API rejects it',
		},
		{
			displayName: 'Expiry Format',
			name: 'expiryFormat',
			type: 'options',
			options: [
				{ name: 'Seconds From Now', value: 'secondsFromNow' },
				{ name: 'Unix Time in Seconds', value: 'unixSeconds' },
				{ name: 'Unix Time in Milliseconds', value: 'unixMilliseconds' },
				{ name: 'ISO 8601 Date', value: 'iso8601' },
			],
			default: 'secondsFromNow',
		},
		{
			displayName: 'Send Token As',
			name: 'placement',
			type: 'options',
			options: [
				{ name: 'Header', value: 'header' },
				{ name: 'Query Parameter', value: 'query' },
				{ name: 'Cookie', value: 'cookie' },
			],
			default: 'header',
			description: 'How requests to the API carry the token',
		},
		{
			displayName: 'Header Name',
			name: 'headerName',
			type: 'string',
			default: 'Authorization',
			displayOptions: { show: { placement: ['header'] } },
		},
		{
			displayName: 'Token Prefix',
			name: 'headerPrefix',
			type: 'string',
			default: 'Bearer ',
			displayOptions: { show: { placement: ['header'] } },
			description: 'Written before the token in the header, space included; may be empty',
		},
		{
			displayName: 'Query Parameter Name',
			name: 'queryParameterName',
			type: 'string',
			default: 'access_token',
			displayOptions: { show: { placement: ['query'] } },
		},
		{
			displayName: 'Cookie Name',
			name: 'cookieName',
			type: 'string',
			default: 'session',
			displayOptions: { show: { placement: ['cookie'] } },
		},
		ignoreSslIssuesField,
		...storedTokenFields,
	];

	preAuthentication = hooks.preAuthentication;

	authenticate = hooks.authenticate;

	test = hooks.test;
}

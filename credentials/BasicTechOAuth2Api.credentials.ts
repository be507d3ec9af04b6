import type { ICredentialType, INodeProperties } from 'n8n-workflow';

import { BASIC_SERVERS } from '../nodes/BasicTech/base-url';

// The server the flow and the node talk to, as an n8n expression over this credential's own
// fields; the node resolves the same fields with `resolveBaseUrl` from the same BASIC_SERVERS.
const baseUrlExpression =
	'($self["server"] === "custom" ? String($self["baseUrl"] || "").trim().replace(new RegExp("/+$"), "")' +
	` : $self["server"] === "staging" ? "${BASIC_SERVERS.staging}" : "${BASIC_SERVERS.production}")`;

/**
 * Basic (basic.tech) signs users in with OAuth2 authorization code + PKCE (S256) and `state`.
 * n8n's own `oAuth2Api` runs the browser flow, the code exchange and the refresh on 401 (keeping
 * a rotated refresh token); this type only pins Basic's endpoints and makes it a public client.
 */
export class BasicTechOAuth2Api implements ICredentialType {
	name = 'basicTechOAuth2Api';

	extends = ['oAuth2Api'];

	displayName = 'Basic (basic.tech) OAuth2 API';

	documentationUrl = 'https://docs.basic.tech/basic-restapi/basic-api';

	icon = { light: 'file:../icons/basicTech.svg', dark: 'file:../icons/basicTech.dark.svg' } as const;

	properties: INodeProperties[] = [
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'hidden',
			default: 'pkce',
		},
		{
			displayName: 'Server',
			name: 'server',
			type: 'options',
			options: [
				{ name: 'Production (api.basic.tech)', value: 'production' },
				{ name: 'Staging (beta.api.basic.tech)', value: 'staging' },
				{ name: 'Custom', value: 'custom' },
			],
			default: 'production',
			description: 'Which Basic API server to sign in to and to call',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			displayOptions: { show: { server: ['custom'] } },
			default: '',
			required: true,
			placeholder: 'https://api.example.com',
			description:
				'Root URL of a Basic-compatible server, without a trailing slash. The flow uses <base>/auth/authorize and <base>/auth/token.',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'hidden',
			default: `={{ ${baseUrlExpression} + "/auth/authorize" }}`,
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'hidden',
			default: `={{ ${baseUrlExpression} + "/auth/token" }}`,
			required: true,
		},
		{
			displayName: 'Project ID (Client ID)',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: "Your Basic project's ID, from the project settings at admin.basic.tech",
		},
		{
			// Basic's sign-in is a public client: PKCE replaces the secret. Hidden and optional, so
			// the editor shows "Connect my account" without one and n8n sends client_id in the body.
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'string',
			default: 'profile',
			description: 'Space-separated scopes to request, for example "profile"',
		},
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'hidden',
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'hidden',
			default: 'body',
		},
	];
}

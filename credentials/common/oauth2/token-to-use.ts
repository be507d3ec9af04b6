import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

import { readChoice, readTextField } from '../fields';

/**
 * Token to Use: which token of the answer goes on requests. "ID Token" follows Google: a service
 * account's assertion carrying a `target_audience` claim is answered with an OpenID Connect
 * `id_token` whose aud is that audience, which Cloud Run, Cloud Functions and IAP require
 * (google-auth-library's `JWT.fetchIdToken`, samples/idTokenFromServiceAccount.js;
 * https://cloud.google.com/run/docs/authenticating/service-to-service).
 */
export const TOKENS_TO_USE = ['access_token', 'id_token'] as const;
export type TokenToUse = (typeof TOKENS_TO_USE)[number];

export const tokenToUseFields: INodeProperties[] = [
	{
		displayName: 'Token to Use',
		name: 'tokenToUse',
		type: 'options',
		options: [
			{ name: 'Access Token', value: 'access_token', description: "The answer's access_token" },
			{
				name: 'ID Token',
				value: 'id_token',
				description: "The answer's id_token, issued for the Target Audience: what Google Cloud Run, Cloud Functions and IAP accept",
			},
		],
		default: 'access_token',
	},
	{
		displayName: 'Target Audience',
		name: 'targetAudience',
		type: 'string',
		default: '',
		placeholder: 'https://my-service-abc123-uc.a.run.app',
		description: "The assertion's target_audience claim, the ID token's aud: the Cloud Run or Cloud Functions URL, or the IAP OAuth client ID",
		displayOptions: { show: { tokenToUse: ['id_token'] } },
	},
];

/** Token to Use and, for an ID token, its Target Audience (required: Google issues none without). */
export function readTokenToUse(credentials: ICredentialDataDecryptedObject): { tokenToUse: TokenToUse; targetAudience: string } {
	const tokenToUse = readChoice('Token to Use', credentials.tokenToUse || 'access_token', TOKENS_TO_USE);
	const targetAudience = tokenToUse === 'id_token' ? readTextField('Target Audience', credentials.targetAudience, true) : '';
	return { tokenToUse, targetAudience };
}

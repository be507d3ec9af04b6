import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { storedTokenFields, tokenHooks } from './common/engine';
import { awsAssumeRoleScheme, DEFAULT_STS_ENDPOINT, MAX_DURATION_SECONDS, MIN_DURATION_SECONDS } from './common/schemes';
import { sigV4KeyFields, sigV4ScopeFields } from './common/signing/sigv4';

const hooks = tokenHooks(awsAssumeRoleScheme, 'stsEndpoint');

/**
 * AWS Signature V4 with temporary credentials from STS AssumeRole, kept and renewed by the token
 * engine. A type of its own because the engine needs an expirable field, and n8n's Engine 2.0
 * refuses every type that declares one: the AWS Signature V4 API stays usable there.
 */
export class AwsSigV4AssumeRoleApi implements ICredentialType {
	name = 'awsSigV4AssumeRoleApi';

	displayName = 'AWS Signature V4 (Assume Role) API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-token-auth#aws-signature-v4-assume-role-api';

	icon: Icon = { light: 'file:../icons/awsSigV4.svg', dark: 'file:../icons/awsSigV4.dark.svg' };

	properties: INodeProperties[] = [
		...sigV4KeyFields('sourceSessionToken'),
		{
			displayName: 'Role ARN',
			name: 'roleArn',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'arn:aws:iam::123456789012:role/n8n-access',
			description: 'The role whose temporary credentials sign the requests; the keys above must be allowed sts:AssumeRole on it',
		},
		{
			displayName: 'External ID',
			name: 'externalId',
			type: 'string',
			default: '',
			description: "Only when the role's trust policy asks for one (a role in another account, set up by a third party)",
		},
		{ displayName: 'Session Name', name: 'sessionName', type: 'string', default: 'n8n', required: true, description: 'Shown in CloudTrail as who used the role' },
		{
			displayName: 'Duration',
			name: 'durationSeconds',
			type: 'number',
			typeOptions: { minValue: MIN_DURATION_SECONDS, maxValue: MAX_DURATION_SECONDS },
			default: 3600,
			description: "Seconds the temporary credentials last (900 to 43200, at most the role's maximum session duration); renewed shortly before they expire",
		},
		{
			displayName: 'STS Endpoint',
			name: 'stsEndpoint',
			type: 'string',
			default: DEFAULT_STS_ENDPOINT,
			placeholder: 'https://sts.eu-west-1.amazonaws.com',
			description: 'Where AssumeRole is called: the global endpoint, or the regional one (https://sts.<region>.amazonaws.com)',
		},
		...sigV4ScopeFields,
		...storedTokenFields,
	];

	preAuthentication = hooks.preAuthentication;

	authenticate = hooks.authenticate;

	test = hooks.test;
}

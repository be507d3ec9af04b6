import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

import { TokenAuthError } from '../../errors';
import { readChoice, readSecretField, readTextField } from '../../fields';
import type { RequestSigner } from '../request-signer';
import { sigV4Signer, type SigV4Settings } from './sigv4-signer';

/**
 * The Session Token field of the keys typed in the form. The Assume Role type names it
 * `sourceSessionToken`: its `sessionToken` is the token engine's expirable field.
 */
function sigV4SessionTokenField(name: 'sessionToken' | 'sourceSessionToken'): INodeProperties {
	return {
		displayName: 'Session Token',
		name,
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description: 'For temporary credentials only; sent as X-Amz-Security-Token',
	};
}

/** The AWS keys, declared once for both AWS types: Access Key ID, Secret Access Key, Session Token. */
export function sigV4KeyFields(sessionTokenName: 'sessionToken' | 'sourceSessionToken'): INodeProperties[] {
	return [
		{ displayName: 'Access Key ID', name: 'accessKeyId', type: 'string', default: '', required: true },
		{ displayName: 'Secret Access Key', name: 'secretAccessKey', type: 'string', typeOptions: { password: true }, default: '', required: true },
		sigV4SessionTokenField(sessionTokenName),
	];
}

/** What the API requests are signed for, declared once for both AWS types: Region, Service, Payload Signing. */
export const sigV4ScopeFields: INodeProperties[] = [
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
];

/** The keys typed in the form, checked before anything is sent. */
export interface SigV4Keys {
	accessKeyId: string;
	secretAccessKey: string;
	/** '' when there is none. */
	sessionToken: string;
}

/** Printable ASCII without spaces: what an AWS key, secret or session token is, and what a header may carry. */
export function isAwsKeyText(value: string): boolean {
	return /^[\x21-\x7e]+$/.test(value);
}

/** What API requests are signed for: region and service, never guessed from the host, and how the body is covered. */
export type SigV4Scope = Pick<SigV4Settings, 'region' | 'service' | 'payloadSigning'>;

/** The AWS Signature V4 API credential's fields, checked before anything is sent; region and service are never guessed. */
export function readSigV4Signer(credentials: ICredentialDataDecryptedObject): RequestSigner {
	const scope = readSigV4Scope(credentials);
	return sigV4Signer({ ...readSigV4Keys(credentials, 'sessionToken'), ...scope });
}

export function readSigV4Keys(credentials: ICredentialDataDecryptedObject, sessionTokenName: 'sessionToken' | 'sourceSessionToken'): SigV4Keys {
	const accessKeyId = readTextField('Access Key ID', credentials.accessKeyId, true);
	if (!isAwsKeyText(accessKeyId)) throw new TokenAuthError('SETTINGS_INVALID', 'Access Key ID must be printable ASCII without spaces');
	const sessionToken = readTextField('Session Token', credentials[sessionTokenName], false);
	if (/[\r\n]/.test(sessionToken)) throw new TokenAuthError('SETTINGS_INVALID', 'Session Token contains a line break: paste it on one line');
	return { accessKeyId, secretAccessKey: readSecretField('Secret Access Key', credentials.secretAccessKey, true).trim(), sessionToken };
}

export function readSigV4Scope(credentials: ICredentialDataDecryptedObject): SigV4Scope {
	const region = readTextField('Region', credentials.region, true);
	const service = readTextField('Service', credentials.service, true);
	for (const [label, value] of [['Region', region], ['Service', service]]) {
		if (!/^[a-z0-9][a-z0-9-]*$/.test(value)) throw new TokenAuthError('SETTINGS_INVALID', `${label} "${value}" is not a ${label.toLowerCase()} name: lower-case letters, digits and hyphens, as in us-east-1 or execute-api`);
	}
	return { region, service, payloadSigning: readChoice('Payload Signing', credentials.payloadSigning ?? 'signed', ['signed', 'unsigned'] as const) };
}

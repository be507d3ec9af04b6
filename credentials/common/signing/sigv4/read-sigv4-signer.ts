import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { TokenAuthError } from '../../errors';
import { readChoice, readSecretField, readTextField } from '../../fields';
import type { RequestSigner } from '../request-signer';
import { sigV4Signer } from './sigv4-signer';

/** The AWS Signature V4 API credential's fields, checked before anything is sent; region and service are never guessed. */
export function readSigV4Signer(credentials: ICredentialDataDecryptedObject): RequestSigner {
	const region = readTextField('Region', credentials.region, true);
	const service = readTextField('Service', credentials.service, true);
	for (const [label, value] of [['Region', region], ['Service', service]]) {
		if (!/^[a-z0-9][a-z0-9-]*$/.test(value)) throw new TokenAuthError('SETTINGS_INVALID', `${label} "${value}" is not a ${label.toLowerCase()} name: lower-case letters, digits and hyphens, as in us-east-1 or execute-api`);
	}
	const accessKeyId = readTextField('Access Key ID', credentials.accessKeyId, true);
	if (!/^[\x21-\x7e]+$/.test(accessKeyId)) throw new TokenAuthError('SETTINGS_INVALID', 'Access Key ID must be printable ASCII without spaces');
	const sessionToken = readTextField('Session Token', credentials.sessionToken, false);
	if (/[\r\n]/.test(sessionToken)) throw new TokenAuthError('SETTINGS_INVALID', 'Session Token contains a line break: paste it on one line');
	return sigV4Signer({
		accessKeyId,
		secretAccessKey: readSecretField('Secret Access Key', credentials.secretAccessKey, true).trim(),
		sessionToken,
		region,
		service,
		payloadSigning: readChoice('Payload Signing', credentials.payloadSigning ?? 'signed', ['signed', 'unsigned'] as const),
	});
}

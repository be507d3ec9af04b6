import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { KEY_FILE_KIND_NAMES, readKeyFile, type KeyFileKind } from '../assertion';
import { TokenAuthError } from '../errors';
import { readSecretField } from '../fields';

/** The key files the OAuth2 types read: each carries a private key, its key ID and who signs. */
const OAUTH2_KEY_FILE_KINDS: readonly KeyFileKind[] = ['googleServiceAccount', 'zitadelServiceAccount', 'zitadelApplication'];

/** The credential's fields with the Key File laid over them, and what the fingerprint adds for it. */
export interface KeyFileOverlay {
	credentials: ICredentialDataDecryptedObject;
	/** Empty when there is no Key File: tokens stored before the field existed keep their fingerprint. */
	identity: unknown[];
	secrets: string[];
}

/**
 * Reads the Key File (`privateKeyFile`) and lays what it carries over the typed fields, so the
 * usual readers check it: the key file wins for what it carries (private key, key ID, who signs
 * as `signerField`, Google's token_uri as the Access Token URL); a field it does not carry stays
 * as typed. Zitadel's JWT profile also wants sub = iss, so its owner fills Subject too; a Google
 * file leaves Subject to the user (the account to act as, for domain-wide delegation).
 */
export function overlayKeyFile(credentials: ICredentialDataDecryptedObject, signerField: 'issuer' | 'clientId'): KeyFileOverlay {
	const text = readSecretField('Key File', credentials.privateKeyFile, false);
	const file = readKeyFile(text);
	if (file === undefined) return { credentials, identity: [], secrets: [] };
	if (!OAUTH2_KEY_FILE_KINDS.includes(file.kind)) {
		throw new TokenAuthError('SETTINGS_INVALID',
			`Key File holds ${KEY_FILE_KIND_NAMES[file.kind]}; this credential reads a Google service-account key or a Zitadel key JSON (a bare PEM key goes in Private Key)`,
		);
	}
	const zitadel = file.kind !== 'googleServiceAccount';
	return {
		credentials: {
			...credentials,
			privateKey: file.privateKey as string,
			keyId: file.keyId as string,
			[signerField]: file.issuer as string,
			...(zitadel && signerField === 'issuer' ? { subject: file.subject as string } : {}),
			...(file.tokenUrl !== undefined ? { accessTokenUrl: file.tokenUrl } : {}),
		},
		identity: [{ keyFile: text }],
		secrets: [text],
	};
}

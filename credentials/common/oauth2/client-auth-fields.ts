import type { ICredentialDataDecryptedObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { PrivateKeyInput } from '../assertion';
import { readSecretField, readTextField } from '../fields';
import type { ClientAuthMethod } from './client-auth';

/**
 * The client authentication fields, declared once for every type that authenticates a client
 * (Password Grant, Client Credentials, JWT Bearer). Names, labels and values are public.
 * `readClientAuth` (client-auth.ts) reads them; the signing key fields are read below.
 */

const shownFor = (methods: ClientAuthMethod[]): INodeProperties['displayOptions'] => ({ show: { clientAuthentication: methods } });

const CHOICES: Record<ClientAuthMethod, INodePropertyOptions> = {
	none: { name: 'None', value: 'none', description: 'The signed assertion alone identifies the caller' },
	header: { name: 'Client Secret in Header', value: 'header', description: 'HTTP Basic, as RFC 6749 recommends (client_secret_basic)' },
	body: { name: 'Client Secret in Body', value: 'body', description: 'client_id and client_secret form fields (client_secret_post)' },
	privateKeyJwt: {
		name: 'Private Key JWT',
		value: 'privateKeyJwt',
		description: 'A client assertion signed with the Private Key (private_key_jwt, RFC 7523)',
	},
	clientSecretJwt: {
		name: 'Client Secret JWT',
		value: 'clientSecretJwt',
		description: 'A client assertion signed with the Client Secret, HS256 (client_secret_jwt, RFC 7523)',
	},
};

/** The Password Grant's labels for its first two choices, as they landed. */
const PASSWORD_GRANT_NAMES: Partial<Record<ClientAuthMethod, string>> = {
	header: 'Send Client Credentials in Header',
	body: 'Send Client Credentials in Body',
};

/** Client Authentication: the choices a type offers, the first one the default. */
export function clientAuthenticationField(methods: ClientAuthMethod[], names: 'passwordGrant' | 'standard' = 'standard'): INodeProperties {
	const renamed = names === 'passwordGrant' ? PASSWORD_GRANT_NAMES : {};
	return {
		displayName: 'Client Authentication',
		name: 'clientAuthentication',
		type: 'options',
		options: methods.map((method) => ({ ...CHOICES[method], name: renamed[method] ?? CHOICES[method].name })),
		default: methods[0],
	};
}

/** Client Id, shown for the given methods (always when none are given). */
export function clientIdField(methods?: ClientAuthMethod[]): INodeProperties {
	return {
		displayName: 'Client Id',
		name: 'clientId',
		type: 'string',
		default: '',
		...(methods ? { displayOptions: shownFor(methods) } : {}),
	};
}

/** Client Secret, shown for the methods that use it. */
export function clientSecretField(methods?: ClientAuthMethod[]): INodeProperties {
	return {
		displayName: 'Client Secret',
		name: 'clientSecret',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		...(methods ? { displayOptions: shownFor(methods) } : {}),
	};
}

/** Private Key, Key ID, Certificate and Signing Algorithm: shown for the given methods, or always. */
export function signingKeyFields(methods?: ClientAuthMethod[]): INodeProperties[] {
	const display = methods ? { displayOptions: shownFor(methods) } : {};
	return [
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			default: '',
			placeholder: '-----BEGIN PRIVATE KEY-----',
			description: 'The PEM private key, RSA or EC (PKCS#8, PKCS#1 or SEC1), unencrypted',
			...display,
		},
		{
			displayName: 'Key ID',
			name: 'keyId',
			type: 'string',
			default: '',
			description: 'Sent as the kid header, so the server knows which registered key to check; optional',
			...display,
		},
		{
			// Public, so not a password field; the rows keep the PEM's line breaks when pasted.
			displayName: 'Certificate',
			name: 'certificate',
			type: 'string',
			typeOptions: { password: false, rows: 5 },
			default: '',
			placeholder: '-----BEGIN CERTIFICATE-----',
			description:
				'The PEM certificate of the Private Key, as registered with the server; its thumbprints are sent as the x5t#S256 and x5t headers (Microsoft Entra ID needs them); optional',
			...display,
		},
		{
			displayName: 'Signing Algorithm',
			name: 'signingAlgorithm',
			type: 'options',
			options: [
				{ name: 'RS256', value: 'RS256', description: 'RSA PKCS#1 v1.5 with SHA-256' },
				{ name: 'RS384', value: 'RS384', description: 'RSA PKCS#1 v1.5 with SHA-384' },
				{ name: 'RS512', value: 'RS512', description: 'RSA PKCS#1 v1.5 with SHA-512' },
				{ name: 'PS256', value: 'PS256', description: 'RSA-PSS with SHA-256' },
				{ name: 'ES256', value: 'ES256', description: 'ECDSA on P-256 with SHA-256' },
				{ name: 'ES384', value: 'ES384', description: 'ECDSA on P-384 with SHA-384' },
			],
			default: 'RS256',
			description: 'How the Private Key signs (Client Secret JWT always signs HS256 with the Client Secret)',
			...display,
		},
	];
}

/**
 * Key File: a provider's key JSON, read by `overlayKeyFile` (key-file.ts), which wins over the
 * fields for what the file carries; `signer` names the field its owner fills.
 */
export function keyFileField(signer: 'Issuer' | 'Client Id', methods?: ClientAuthMethod[]): INodeProperties {
	return {
		displayName: 'Key File',
		name: 'privateKeyFile',
		type: 'string',
		typeOptions: { password: true, rows: 5 },
		default: '',
		placeholder: '{"type": "service_account", ...}',
		description:
			`A Google service-account key JSON or a Zitadel key JSON, pasted whole; optional. What it carries wins over the fields: Private Key, Key ID, ${signer} (client_email, userId or clientId)${signer === 'Issuer' ? ', Subject (Zitadel)' : ''} and Access Token URL (Google's token_uri)`,
		...(methods ? { displayOptions: shownFor(methods) } : {}),
	};
}

/** Assertion Audience: the aud of the client assertion, shown for the JWT methods. */
export const assertionAudienceField: INodeProperties = {
	displayName: 'Assertion Audience',
	name: 'assertionAudience',
	type: 'string',
	default: '',
	description: 'The aud claim of the client assertion; empty: the Access Token URL',
	displayOptions: shownFor(['privateKeyJwt', 'clientSecretJwt']),
};

/** The signing key fields as typed (declared by `signingKeyFields`); checked by `privateSigningKey`. */
export function readSigningKeyInput(credentials: ICredentialDataDecryptedObject): Required<PrivateKeyInput> {
	return {
		privateKey: readSecretField('Private Key', credentials.privateKey, false),
		keyId: readTextField('Key ID', credentials.keyId, false),
		algorithm: readTextField('Signing Algorithm', credentials.signingAlgorithm, false) || 'RS256',
		certificate: readTextField('Certificate', credentials.certificate, false),
	};
}

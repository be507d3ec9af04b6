import type { ICredentialDataDecryptedObject, INodeProperties } from 'n8n-workflow';

import { readChoice, readSecretField } from '../fields';
import { pastedDpopKey, type DpopKey } from './key';

/**
 * Proof of Possession, DPoP Key and DPoP Private Key: declared once for the OAuth2 types
 * (Client Credentials, Password Grant, JWT Bearer) and read here. Names, labels and values are public.
 */
export const proofOfPossessionFields: INodeProperties[] = [
	{
		displayName: 'Proof of Possession',
		name: 'proofOfPossession',
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: 'Bearer tokens' },
			{
				name: 'DPoP',
				value: 'dpop',
				description: 'Tokens bound to a key the credential holds (RFC 9449): every token and API request carries a proof signed with it',
			},
		],
		default: 'none',
	},
	{
		displayName: 'DPoP Key',
		name: 'dpopKey',
		type: 'options',
		options: [
			{ name: 'Generated', value: 'generated', description: 'An ES256 key the credential makes once and keeps with its token' },
			{ name: 'Pasted', value: 'pasted', description: 'Your own private key (EC P-256 or P-384, RSA, Ed25519)' },
		],
		default: 'generated',
		displayOptions: { show: { proofOfPossession: ['dpop'] } },
	},
	{
		displayName: 'DPoP Private Key',
		name: 'dpopPrivateKey',
		type: 'string',
		typeOptions: { password: true, rows: 4 },
		default: '',
		placeholder: '-----BEGIN PRIVATE KEY-----',
		description: 'PEM private key the DPoP proofs are signed with (PKCS#8, SEC1 or PKCS#1, unencrypted)',
		displayOptions: { show: { proofOfPossession: ['dpop'], dpopKey: ['pasted'] } },
	},
];

/** What the fields say: no DPoP, DPoP with a key made and kept with the token, or with the pasted key. */
export type ProofOfPossession =
	| { kind: 'none' }
	| { kind: 'dpop'; pastedKey?: DpopKey; identity: unknown[]; secrets: string[] };

export function readProofOfPossession(credentials: ICredentialDataDecryptedObject): ProofOfPossession {
	// Absent on types without the fields, and on credentials stored before they existed.
	if (readChoice('Proof of Possession', credentials.proofOfPossession ?? 'none', ['none', 'dpop']) === 'none') return { kind: 'none' };
	if (readChoice('DPoP Key', credentials.dpopKey ?? 'generated', ['generated', 'pasted']) === 'generated') {
		return { kind: 'dpop', identity: [{ proofOfPossession: 'dpop' }], secrets: [] };
	}
	const pem = readSecretField('DPoP Private Key', credentials.dpopPrivateKey, true);
	// The key joins the fingerprint: a pasted new key is a new token (a token is bound to one key).
	return { kind: 'dpop', pastedKey: pastedDpopKey(pem), identity: [{ proofOfPossession: 'dpop', dpopPrivateKey: pem }], secrets: [pem] };
}

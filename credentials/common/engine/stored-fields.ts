import type { INodeProperties } from 'n8n-workflow';

/**
 * Hidden fields the token engine keeps in an exchanging credential (n8n keeps only declared
 * fields). `sessionToken` is the expirable field n8n looks for; it stays empty so that n8n runs
 * the hook before every request and the engine decides itself when to renew.
 */
export const storedTokenFields: INodeProperties[] = [
	{ displayName: 'Session Token', name: 'sessionToken', type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' },
	{ displayName: 'Access Token', name: 'accessToken', type: 'hidden', typeOptions: { password: true }, default: '' },
	{ displayName: 'Refresh Token', name: 'refreshToken', type: 'hidden', typeOptions: { password: true }, default: '' },
	{ displayName: 'Expires At', name: 'expiresAt', type: 'hidden', default: '' },
	{ displayName: 'Obtained At', name: 'obtainedAt', type: 'hidden', default: '' },
	{ displayName: 'Fingerprint', name: 'fingerprint', type: 'hidden', typeOptions: { password: true }, default: '' },
];

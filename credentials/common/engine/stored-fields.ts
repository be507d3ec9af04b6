import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { TokenState } from './state';

/** The name of the expirable hidden field: always '', so n8n runs the hook before every request. */
export const SESSION_FIELD = 'sessionToken';

/**
 * Hidden fields the token engine keeps in an exchanging credential (n8n keeps only declared
 * fields). `sessionToken` is the expirable field n8n looks for; it stays empty so that n8n runs
 * the hook before every request and the engine decides itself when to renew. Read by
 * `readStoredState`, written by `storedFieldsOf`, both below.
 */
export const storedTokenFields: INodeProperties[] = [
	{ displayName: 'Session Token', name: SESSION_FIELD, type: 'hidden', typeOptions: { expirable: true, password: true }, default: '' },
	{ displayName: 'Access Token', name: 'accessToken', type: 'hidden', typeOptions: { password: true }, default: '' },
	{ displayName: 'Refresh Token', name: 'refreshToken', type: 'hidden', typeOptions: { password: true }, default: '' },
	{ displayName: 'Expires At', name: 'expiresAt', type: 'hidden', default: '' },
	{ displayName: 'Obtained At', name: 'obtainedAt', type: 'hidden', default: '' },
	{ displayName: 'Fingerprint', name: 'fingerprint', type: 'hidden', typeOptions: { password: true }, default: '' },
	// The generated DPoP key the token is bound to: stored with it, so every process uses the same key.
	{ displayName: 'Proof Key', name: 'proofKey', type: 'hidden', typeOptions: { password: true }, default: '' },
];

/** The stored fields' names: they hold the token, not settings (see `SettingsCache`). */
export const STORED_FIELD_NAMES: ReadonlySet<string> = new Set(storedTokenFields.map((field) => field.name));

/** The token stored in the credential, when it was issued for these very settings. */
export function readStoredState(credentials: IDataObject, fingerprint: string): TokenState | undefined {
	const accessToken = credentials.accessToken;
	if (typeof accessToken !== 'string' || accessToken === '' || credentials.fingerprint !== fingerprint) {
		return undefined;
	}
	const expiresAt = Number(credentials.expiresAt);
	const obtainedAt = Number(credentials.obtainedAt);
	const refreshToken = credentials.refreshToken;
	const proofKey = credentials.proofKey;
	return {
		accessToken,
		refreshToken: typeof refreshToken === 'string' && refreshToken !== '' ? refreshToken : undefined,
		expiresAt: credentials.expiresAt !== '' && Number.isFinite(expiresAt) ? expiresAt : undefined,
		obtainedAt: Number.isFinite(obtainedAt) ? obtainedAt : 0,
		fingerprint,
		...(typeof proofKey === 'string' && proofKey !== '' ? { proofKey } : {}),
	};
}

/** The hidden fields n8n writes back to the credential (encrypted) when the hook returns them. */
export function storedFieldsOf(state: TokenState): IDataObject {
	return {
		[SESSION_FIELD]: '',
		accessToken: state.accessToken,
		refreshToken: state.refreshToken ?? '',
		expiresAt: state.expiresAt === undefined ? '' : String(state.expiresAt),
		obtainedAt: String(state.obtainedAt),
		fingerprint: state.fingerprint,
		proofKey: state.proofKey ?? '',
	};
}

import { readStoredState, storedFieldsOf } from '../../../credentials/common/engine/stored-fields';
import type { TokenState } from '../../../credentials/common/engine/state';

describe('stored state', () => {
	const state: TokenState = { accessToken: 'a', refreshToken: 'r', expiresAt: 5000, obtainedAt: 1000, fingerprint: 'fp' };

	it('round-trips through the credential fields, keeping the expirable field empty', () => {
		const fields = storedFieldsOf(state);
		expect(fields.sessionToken).toBe('');
		expect(readStoredState(fields, 'fp')).toEqual(state);
	});

	it('round-trips a token without lifetime or refresh token', () => {
		const plain: TokenState = { accessToken: 'a', obtainedAt: 1000, fingerprint: 'fp' };
		expect(readStoredState(storedFieldsOf(plain), 'fp')).toEqual(plain);
	});

	it('round-trips the DPoP key kept with its token, and writes it empty for a token without one', () => {
		const bound: TokenState = { ...state, proofKey: '-----BEGIN PRIVATE KEY-----\nMIG...\n-----END PRIVATE KEY-----\n' };
		expect(readStoredState(storedFieldsOf(bound), 'fp')).toEqual(bound);
		expect(storedFieldsOf(state).proofKey).toBe('');
	});

	it.each([
		['another fingerprint (edited settings)', { ...storedFieldsOf(state) }, 'other'],
		['no token', { ...storedFieldsOf(state), accessToken: '' }, 'fp'],
		['nothing stored', {}, 'fp'],
	])('ignores a stored token with %s', (_name, fields, fingerprint) => {
		expect(readStoredState(fields, fingerprint)).toBeUndefined();
	});
});

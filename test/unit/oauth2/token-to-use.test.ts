import { TokenAuthError } from '../../../credentials/common/errors';
import { readTokenToUse, tokenToUseFields } from '../../../credentials/common/oauth2/token-to-use';
import { thrownBy } from '../../support/thrown';

describe('Token to Use', () => {
	it('is the access token when empty (credentials stored before the field) or chosen; Target Audience is then not read', () => {
		expect(readTokenToUse({})).toEqual({ tokenToUse: 'access_token', targetAudience: '' });
		expect(readTokenToUse({ tokenToUse: 'access_token', targetAudience: 'https://run.example' })).toEqual({ tokenToUse: 'access_token', targetAudience: '' });
	});

	it('is the ID token with its Target Audience, trimmed', () => {
		expect(readTokenToUse({ tokenToUse: 'id_token', targetAudience: ' https://run.example ' })).toEqual({ tokenToUse: 'id_token', targetAudience: 'https://run.example' });
	});

	it.each([
		['an ID token without Target Audience', { tokenToUse: 'id_token', targetAudience: '' }, 'Target Audience is empty'],
		['a value it does not offer', { tokenToUse: 'refresh_token' }, 'Token to Use must be one of access_token, id_token, not refresh_token'],
	])('refuses %s with SETTINGS_INVALID', (_name, credentials, message) => {
		const error = thrownBy<TokenAuthError>(() => readTokenToUse(credentials));
		expect([error.reason, error.message]).toEqual(['SETTINGS_INVALID', expect.stringContaining(message)]);
	});

	it('declares the fields the issue names: tokenToUse (access_token default, id_token), targetAudience shown only for id_token', () => {
		expect(tokenToUseFields.map((field) => [field.name, field.displayName, field.default])).toEqual([
			['tokenToUse', 'Token to Use', 'access_token'], ['targetAudience', 'Target Audience', ''],
		]);
		expect(tokenToUseFields[1].displayOptions).toEqual({ show: { tokenToUse: ['id_token'] } });
	});
});

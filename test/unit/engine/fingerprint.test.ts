import { basicToBearerScheme } from '../../../credentials/common/schemes/basic-to-bearer';
import { fingerprintOf } from '../../../credentials/common/engine/fingerprint';
import { passwordGrantScheme } from '../../../credentials/common/schemes/password-grant';

describe('fingerprints', () => {
	const basic = { username: 'u', password: 'p', accessTokenUrl: 'https://a.test/t' };
	const fingerprint = (credentials: Record<string, unknown>) =>
		fingerprintOf('basicToBearerApi', basicToBearerScheme.readSettings(credentials as never).identity);

	it.each([
		['username', { username: 'v' }],
		['password', { password: 'q' }],
		['Access Token URL', { accessTokenUrl: 'https://a.test/t2' }],
		['HTTP Operation', { method: 'GET' }],
		['Headers', { headers: '{"a":"1"}' }],
		['Access Token Extraction Key', { accessExtractionKey: 'token' }],
	])('changes with the %s', (_name, change) => {
		expect(fingerprint({ ...basic, ...change })).not.toBe(fingerprint(basic));
	});

	it('stays the same for Use Raw Token (it does not change the token)', () => {
		expect(fingerprint({ ...basic, omitBearerPrefix: true })).toBe(fingerprint(basic));
	});

	it('differs between credential types with the same values', () => {
		expect(fingerprintOf('a', ['x'])).not.toBe(fingerprintOf('b', ['x']));
	});

	it.each([
		['Client Id', { clientId: 'other' }],
		['Client Secret', { clientSecret: 'other' }],
		['Refresh Token URL', { refreshTokenUrl: 'https://a.test/r' }],
		['Scope', { scope: 'x' }],
		['Body Parameters', { bodyParameters: '{"audience":"x"}' }],
		['Client Authentication', { clientAuthentication: 'body' }],
	])('password grant: changes with the %s', (_name, change) => {
		const base = { clientId: 'c', clientSecret: 's', username: 'u', password: 'p', accessTokenUrl: 'https://a.test/t' };
		const of = (credentials: Record<string, unknown>) => passwordGrantScheme.readSettings(credentials as never).identity;
		expect(fingerprintOf('p', of({ ...base, ...change }))).not.toBe(fingerprintOf('p', of(base)));
	});
});

import { jwtClaims, jwtHeaderFields } from '../../../credentials/common/self-signed/claims';
import { readSelfSignedSettings } from '../../../credentials/common/self-signed/settings';
import { p256Key } from '../assertion/test-keys';

const hs256 = { signingAlgorithm: 'HS256', secret: 'x'.repeat(32) };

describe('jwtClaims', () => {
	it('Extra Claims first, then the fields, the time claims and a jti', () => {
		const settings = readSelfSignedSettings({ ...hs256, issuer: 'i', extraClaims: '{"scope": "read"}', lifetime: 60 });
		expect(Object.entries(jwtClaims(settings, undefined, 1000)).map(([name]) => name)).toEqual(['scope', 'iss', 'iat', 'exp', 'jti']);
		expect(jwtClaims(settings, undefined, 1000)).toMatchObject({ iat: 1000, exp: 1060 });
	});

	it('leaves out iss, sub and aud the fields leave empty', () => {
		const claims = jwtClaims(readSelfSignedSettings(hs256), undefined, 1000);
		expect(Object.keys(claims)).toEqual(['iat', 'exp', 'jti']);
	});

	it('adds the binding claim when bound', () => {
		const settings = readSelfSignedSettings({ ...hs256, bindToRequest: 'uri' });
		expect(jwtClaims(settings, { method: 'DELETE', host: 'h:81', path: '/x', query: '' }, 1000)).toMatchObject({ uri: 'DELETE h:81/x' });
	});

	it('Coinbase: nbf and no iat or jti, as its documentation shows', () => {
		const settings = readSelfSignedSettings({ preset: 'coinbase', privateKey: p256Key.pkcs8, keyId: 'k' });
		expect(Object.keys(jwtClaims(settings, { method: 'GET', host: 'h', path: '/', query: '' }, 1000)).sort()).toEqual(['exp', 'iss', 'nbf', 'sub', 'uri']);
	});
});

describe('jwtHeaderFields', () => {
	it('Extra Header Fields, and a fresh nonce for Coinbase', () => {
		expect(jwtHeaderFields(readSelfSignedSettings({ ...hs256, extraHeaderFields: '{"cty": "x"}' }))).toEqual({ cty: 'x' });
		const coinbase = readSelfSignedSettings({ preset: 'coinbase', privateKey: p256Key.pkcs8, keyId: 'k' });
		expect(jwtHeaderFields(coinbase).nonce).not.toBe(jwtHeaderFields(coinbase).nonce);
	});
});

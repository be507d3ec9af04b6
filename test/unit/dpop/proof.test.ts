import { createHash } from 'crypto';
import { decodeProtectedHeader, EmbeddedJWK, jwtVerify } from 'jose';

import { accessTokenHash, dpopProof, generateDpopKey, htuOf, pastedDpopKey } from '../../../credentials/common/dpop';
import { ed25519Pkcs8, rsaKey } from '../assertion/test-keys';

const key = generateDpopKey();

describe('dpopProof', () => {
	it('is a dpop+jwt signed by the key in its own header, with htm, htu, iat and a jti', async () => {
		const now = Date.UTC(2026, 0, 1);
		const proof = dpopProof(key, { htm: 'POST', htu: 'https://as.example/token' }, now);
		const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', currentDate: new Date(now) });
		expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'dpop+jwt', jwk: key.publicJwk });
		expect(payload).toEqual({ jti: expect.any(String), htm: 'POST', htu: 'https://as.example/token', iat: now / 1000 });
	});

	it('has a new jti every time', () => {
		const jti = (proof: string) => JSON.parse(Buffer.from(proof.split('.')[1], 'base64url').toString()).jti;
		expect(jti(dpopProof(key, { htm: 'GET', htu: 'https://a.example/' }))).not.toBe(jti(dpopProof(key, { htm: 'GET', htu: 'https://a.example/' })));
	});

	it('carries ath for an access token and the nonce when given', async () => {
		const proof = dpopProof(key, { htm: 'GET', htu: 'https://api.example/r', accessToken: 'tok', nonce: 'n-1' });
		const { payload } = await jwtVerify(proof, EmbeddedJWK);
		expect(payload).toMatchObject({ ath: createHash('sha256').update('tok').digest('base64url'), nonce: 'n-1' });
	});

	it.each([
		['RSA', rsaKey.pkcs8, 'RS256'],
		['Ed25519', ed25519Pkcs8, 'EdDSA'],
	])('signs with a pasted %s key', async (_kind, pem, alg) => {
		const proof = dpopProof(pastedDpopKey(pem), { htm: 'GET', htu: 'https://api.example/r' });
		expect(decodeProtectedHeader(proof).alg).toBe(alg);
		await expect(jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt' })).resolves.toBeDefined();
	});
});

describe('accessTokenHash', () => {
	it('matches RFC 9449 section 7.1 (figures 12 and 13)', () => {
		expect(accessTokenHash('Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU')).toBe('fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo');
	});
});

describe('htuOf', () => {
	it('drops the query and the fragment, keeps scheme, host, port and path', () => {
		expect(htuOf('https://as.example:8443/oauth/token?tenant=a#x')).toBe('https://as.example:8443/oauth/token');
		expect(htuOf('https://AS.example:443/t')).toBe('https://as.example/t');
	});
});

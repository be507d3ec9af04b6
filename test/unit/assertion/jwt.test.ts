import { constants, createPublicKey, verify } from 'crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';

import { ASYMMETRIC_ALGORITHMS, readPrivateKey, signJwt } from '../../../credentials/common/assertion';
import { ecCertified, expectedThumbprints, rsaCertified } from './test-certificates';
import { p256Key, p384Key, rsaKey } from './test-keys';

const keyFor = { RS256: rsaKey, RS384: rsaKey, RS512: rsaKey, PS256: rsaKey, ES256: p256Key, ES384: p384Key } as const;
const claims = { iss: 'client-1', sub: 'client-1', aud: 'https://as.example/token', jti: 'j-1', iat: 1700000000, exp: 1700000300 };

describe('signJwt: every algorithm verifies with jose against the public key', () => {
	it.each(ASYMMETRIC_ALGORITHMS.map((algorithm) => [algorithm]))('%s', async (algorithm) => {
		const test = keyFor[algorithm];
		const jwt = signJwt(claims, { algorithm, privateKey: readPrivateKey('Private Key', test.pkcs8), keyId: 'key-7' });
		const verified = await jwtVerify(jwt, test.publicKey, { algorithms: [algorithm], currentDate: new Date(1700000100 * 1000) });
		expect(verified.protectedHeader).toEqual({ alg: algorithm, typ: 'JWT', kid: 'key-7' });
		expect(verified.payload).toEqual(claims);
	});

	it.each([['ES256', p256Key, 64], ['ES384', p384Key, 96]] as const)(
		'%s signatures are r||s of fixed length (IEEE P1363), not DER',
		(algorithm, test, length) => {
			const jwt = signJwt(claims, { algorithm, privateKey: readPrivateKey('Private Key', test.traditional) });
			expect(Buffer.from(jwt.split('.')[2], 'base64url')).toHaveLength(length);
		},
	);

	it('PS256 is RSA-PSS with a 32-byte salt, not PKCS#1 v1.5', () => {
		const jwt = signJwt(claims, { algorithm: 'PS256', privateKey: readPrivateKey('Private Key', rsaKey.traditional) });
		const [header, payload, signature] = jwt.split('.');
		const input = Buffer.from(`${header}.${payload}`);
		const key = createPublicKey(rsaKey.publicPem);
		const pss = (saltLength: number) => ({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength });
		expect(verify('sha256', input, pss(32), Buffer.from(signature, 'base64url'))).toBe(true);
		expect(verify('sha256', input, pss(20), Buffer.from(signature, 'base64url'))).toBe(false);
		expect(verify('sha256', input, key, Buffer.from(signature, 'base64url'))).toBe(false);
	});

	it('HS256 verifies with the client secret', async () => {
		const jwt = signJwt(claims, { algorithm: 'HS256', secret: 'client-secret-of-32-bytes-or-more!!' });
		const verified = await jwtVerify(jwt, Buffer.from('client-secret-of-32-bytes-or-more!!'), { currentDate: new Date(1700000100 * 1000) });
		expect(verified.protectedHeader).toEqual({ alg: 'HS256', typ: 'JWT' });
		expect(verified.payload).toEqual(claims);
	});

	it.each([
		['PS256', rsaCertified],
		['ES256', ecCertified],
	] as const)('%s with a certificate: x5t#S256 and x5t after kid, and the signature still verifies', async (algorithm, test) => {
		const { x5t, 'x5t#S256': x5tS256 } = expectedThumbprints(test.cert);
		const key = { algorithm, privateKey: readPrivateKey('Private Key', test.key), keyId: 'key-7', thumbprints: { x5tS256, x5t } };
		const verified = await jwtVerify(signJwt(claims, key), test.publicKey, { algorithms: [algorithm], currentDate: new Date(1700000100 * 1000) });
		expect(Object.entries(verified.protectedHeader)).toEqual([['alg', algorithm], ['typ', 'JWT'], ['kid', 'key-7'], ['x5t#S256', x5tS256], ['x5t', x5t]]);
		expect(verified.payload).toEqual(claims);
	});

	it('leaves kid out when no Key ID is set', () => {
		const jwt = signJwt(claims, { algorithm: 'RS256', privateKey: readPrivateKey('Private Key', rsaKey.pkcs8), keyId: undefined });
		expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'RS256', typ: 'JWT' });
	});
});

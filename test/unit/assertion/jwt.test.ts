import { constants, createPrivateKey, createPublicKey, generateKeyPairSync, verify } from 'crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';

import { ASYMMETRIC_ALGORITHMS, jwsSignature, readPrivateKey, signJwt } from '../../../credentials/common/assertion';
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

describe('signJwt: the self-signed algorithms (HS384, HS512, EdDSA) and extra header fields', () => {
	it.each([
		['HS256', 32],
		['HS384', 48],
		['HS512', 64],
	] as const)('%s verifies with jose, the secret as bytes', async (algorithm, bytes) => {
		const secret = Buffer.alloc(bytes, 7);
		const jwt = signJwt(claims, { algorithm, secret, keyId: 'k-1' });
		const verified = await jwtVerify(jwt, secret, { algorithms: [algorithm], currentDate: new Date(1700000100 * 1000) });
		expect(verified.protectedHeader).toEqual({ alg: algorithm, typ: 'JWT', kid: 'k-1' });
		expect(verified.payload).toEqual(claims);
	});

	it('EdDSA with an Ed25519 key verifies with jose', async () => {
		const pair = generateKeyPairSync('ed25519');
		const jwt = signJwt(claims, { algorithm: 'EdDSA', privateKey: pair.privateKey });
		const verified = await jwtVerify(jwt, pair.publicKey, { algorithms: ['EdDSA'], currentDate: new Date(1700000100 * 1000) });
		expect(verified.protectedHeader).toEqual({ alg: 'EdDSA', typ: 'JWT' });
	});

	it('puts extra header fields after alg, typ and kid', () => {
		const jwt = signJwt(claims, { algorithm: 'HS256', secret: Buffer.alloc(32, 1), keyId: 'k' }, { nonce: 'abc', cty: 'x' });
		expect(Object.entries(decodeProtectedHeader(jwt))).toEqual([['alg', 'HS256'], ['typ', 'JWT'], ['kid', 'k'], ['nonce', 'abc'], ['cty', 'x']]);
	});
});

describe('jwsSignature against published examples', () => {
	// RFC 7515 appendix A.1: the HS256 example, key and signing input as printed there.
	it('RFC 7515 A.1 (HS256)', () => {
		const secret = Buffer.from('AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow', 'base64url');
		const input =
			'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ';
		expect(jwsSignature(input, { algorithm: 'HS256', secret }).toString('base64url')).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
	});

	// RFC 8037 appendix A.1 (the key) and A.4 (the Ed25519 signature of "Example of Ed25519 signing").
	it('RFC 8037 A.4 (EdDSA, Ed25519)', () => {
		const privateKey = createPrivateKey({
			key: { kty: 'OKP', crv: 'Ed25519', d: 'nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A', x: '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo' },
			format: 'jwk',
		});
		const input = 'eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc';
		expect(jwsSignature(input, { algorithm: 'EdDSA', privateKey }).toString('base64url')).toBe(
			'hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg',
		);
	});
});

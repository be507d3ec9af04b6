/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
import { jwtVerify } from 'jose';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { authenticateWithSelfSignedJwt } from '../../../credentials/common/self-signed';
import { p256Key } from '../assertion/test-keys';

const SECRET = 'y'.repeat(32);
const hs256 = { signingAlgorithm: 'HS256', secret: SECRET };
const bearerOf = (request: IHttpRequestOptions) => String((request.headers as Record<string, string>).Authorization).replace(/^Bearer /, '');

describe('authenticateWithSelfSignedJwt', () => {
	it('a new JWT for every request: two requests, two JWTs', async () => {
		const one = await authenticateWithSelfSignedJwt(hs256, { url: 'https://api.example/a' });
		const two = await authenticateWithSelfSignedJwt(hs256, { url: 'https://api.example/a' });
		expect(bearerOf(one)).not.toBe(bearerOf(two));
		await jwtVerify(bearerOf(one), Buffer.from(SECRET));
	});

	it('JWT Reuse: the same JWT until shortly before exp, then a new one', async () => {
		const fields = { ...hs256, lifetime: 300, jwtReuse: 'reuseUntilExpiry', issuer: 'reuse-test' };
		let now = 1_800_000_000_000;
		const clock = () => now;
		const first = bearerOf(await authenticateWithSelfSignedJwt(fields, { url: 'https://api.example/a' }, clock));
		now += 269_000;
		expect(bearerOf(await authenticateWithSelfSignedJwt(fields, { url: 'https://api.example/b' }, clock))).toBe(first);
		now += 1_000;
		expect(bearerOf(await authenticateWithSelfSignedJwt(fields, { url: 'https://api.example/c' }, clock))).not.toBe(first);
	});

	it('replaces an Authorization header the request had', async () => {
		const request = await authenticateWithSelfSignedJwt(hs256, { url: 'https://api.example/a', headers: { authorization: 'Basic old' } });
		expect(Object.keys(request.headers ?? {})).toEqual(['Authorization']);
	});

	it('as a query parameter, the request\'s own parameters kept', async () => {
		const request = await authenticateWithSelfSignedJwt({ ...hs256, sendAs: 'query', queryParameterName: 'jwt' }, { url: 'https://api.example/a', qs: { page: 2 } });
		expect(request.qs).toEqual({ page: 2, jwt: expect.stringMatching(/^eyJ/) });
	});

	it('binds to the request as it goes on the wire: the HTTP Request node\'s legacy shape, query left out of uri', async () => {
		const fields = { preset: 'coinbase', privateKey: p256Key.pkcs8, keyId: 'organizations/o/apiKeys/k' };
		const legacy = { uri: 'https://api.coinbase.com:443/api/v3/brokerage/orders?limit=5', method: 'post', qs: { cursor: 'c' }, body: { a: 1 }, json: true };
		const request = await authenticateWithSelfSignedJwt(fields, legacy as unknown as IHttpRequestOptions);
		const { payload } = await jwtVerify(bearerOf(request), p256Key.publicKey);
		expect(payload.uri).toBe('POST api.coinbase.com/api/v3/brokerage/orders');
		expect((request as unknown as typeof legacy).uri).toBe(legacy.uri);
	});

	it('other nodes\' shape: baseURL and url joined', async () => {
		const fields = { ...hs256, bindToRequest: 'uri' };
		const request = await authenticateWithSelfSignedJwt(fields, { baseURL: 'http://127.0.0.1:8080/v1', url: '/items', method: 'GET' });
		const { payload } = await jwtVerify(bearerOf(request), Buffer.from(SECRET));
		expect(payload.uri).toBe('GET 127.0.0.1:8080/v1/items');
	});

	it('refuses wrong settings before touching the request', async () => {
		const request = { url: 'https://api.example/a', headers: { Authorization: 'keep' } };
		await expect(authenticateWithSelfSignedJwt({ signingAlgorithm: 'HS512', secret: SECRET }, request)).rejects.toThrow('HS512 needs at least 64 bytes');
		expect(request.headers).toEqual({ Authorization: 'keep' });
	});
});

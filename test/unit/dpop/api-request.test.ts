import { createHash } from 'crypto';
import { EmbeddedJWK, jwtVerify } from 'jose';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { generateDpopKey, placeDpopToken } from '../../../credentials/common/dpop';

const key = generateDpopKey();
const ath = createHash('sha256').update('the-token').digest('base64url');

async function proofOf(request: IHttpRequestOptions) {
	const headers = request.headers as Record<string, string>;
	const { payload, protectedHeader } = await jwtVerify(headers.DPoP, EmbeddedJWK, { typ: 'dpop+jwt' });
	return { payload, protectedHeader, headers };
}

describe('placeDpopToken', () => {
	it('legacy shape (HTTP Request node): DPoP authorization, proof of the method and URL without the query', async () => {
		const request = { uri: 'https://api.example:8443/v1/items?a=1', qs: { b: '2' }, method: 'post', headers: { authorization: 'Bearer old' } };
		const { payload, protectedHeader, headers } = await proofOf(placeDpopToken(request as unknown as IHttpRequestOptions, 'the-token', key));
		expect(headers.Authorization).toBe('DPoP the-token');
		expect(headers).not.toHaveProperty('authorization');
		expect(payload).toMatchObject({ htm: 'POST', htu: 'https://api.example:8443/v1/items', ath });
		expect(protectedHeader.jwk).toEqual(key.publicJwk);
	});

	it('url and baseURL shape: the URL as sent, default port left out', async () => {
		const request: IHttpRequestOptions = { baseURL: 'https://api.example:443/v2', url: '/things/a%20b', method: 'DELETE' };
		const { payload } = await proofOf(placeDpopToken(request, 'the-token', key));
		expect(payload).toMatchObject({ htm: 'DELETE', htu: 'https://api.example/v2/things/a%20b' });
	});

	it('a retried request object gets a new proof in place of the old one', async () => {
		const request: IHttpRequestOptions = { url: 'https://api.example/r', method: 'GET' };
		const first = (await proofOf(placeDpopToken(request, 'the-token', key))).payload.jti;
		const second = await proofOf(placeDpopToken(request, 'the-token', key));
		expect(second.payload.jti).not.toBe(first);
		expect(Object.keys(second.headers).filter((name) => name.toLowerCase() === 'dpop')).toEqual(['DPoP']);
	});
});

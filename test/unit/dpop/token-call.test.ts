import { decodeJwt } from 'jose';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { dpopNonceHeader, dpopTokenCall, generateDpopKey, NonceMemory } from '../../../credentials/common/dpop';
import type { TokenEndpointResponse } from '../../../credentials/common/http';

const key = generateDpopKey();
const login: IHttpRequestOptions = { url: 'https://as.example/token?tenant=a', method: 'POST', headers: { Accept: 'application/json' }, body: 'grant_type=x' };
const NEEDS_NONCE = (nonce: string): TokenEndpointResponse => ({
	statusCode: 400,
	headers: { 'dpop-nonce': nonce },
	body: '{"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof"}',
});
const ISSUED: TokenEndpointResponse = { statusCode: 200, headers: {}, body: '{"access_token":"t","token_type":"DPoP"}' };

/** A token endpoint answering from a script, recording the proof of every request. */
function endpoint(answers: TokenEndpointResponse[]) {
	const proofs: Array<Record<string, unknown>> = [];
	const sent: IHttpRequestOptions[] = [];
	const call = async (request: IHttpRequestOptions) => {
		sent.push(request);
		proofs.push(decodeJwt(String((request.headers as Record<string, string>).DPoP)));
		return answers.shift() ?? ISSUED;
	};
	return { call, proofs, sent };
}

describe('dpopTokenCall', () => {
	it('sends the request with a proof of its method and URL without the query, the rest unchanged', async () => {
		const server = endpoint([ISSUED]);
		await expect(dpopTokenCall(server.call, key, new NonceMemory())(login)).resolves.toBe(ISSUED);
		expect(server.proofs).toEqual([expect.objectContaining({ htm: 'POST', htu: 'https://as.example/token' })]);
		expect(server.proofs[0]).not.toHaveProperty('nonce');
		expect(server.sent[0]).toMatchObject({ url: login.url, body: login.body, headers: { Accept: 'application/json' } });
	});

	it('answers use_dpop_nonce with exactly one retry carrying the nonce', async () => {
		const server = endpoint([NEEDS_NONCE('n-1')]);
		const response = await dpopTokenCall(server.call, key, new NonceMemory())(login);
		expect(response.statusCode).toBe(200);
		expect(server.proofs.map((proof) => proof.nonce)).toEqual([undefined, 'n-1']);
		expect(server.proofs[0].jti).not.toBe(server.proofs[1].jti);
	});

	it('does not retry a second time when the retry is refused too: that answer is the result', async () => {
		const server = endpoint([NEEDS_NONCE('n-1'), NEEDS_NONCE('n-2'), ISSUED]);
		const response = await dpopTokenCall(server.call, key, new NonceMemory())(login);
		expect(response.statusCode).toBe(400);
		expect(server.sent).toHaveLength(2);
	});

	it('sends the nonce it last got from that server at once on the next call', async () => {
		const nonces = new NonceMemory();
		const server = endpoint([NEEDS_NONCE('n-1'), { ...ISSUED, headers: { 'DPoP-Nonce': 'n-2' } }]);
		const call = dpopTokenCall(server.call, key, nonces);
		await call(login);
		await call(login);
		expect(server.proofs.map((proof) => proof.nonce)).toEqual([undefined, 'n-1', 'n-2']);
	});

	it.each([
		['another 400 error with a nonce header', { statusCode: 400, headers: { 'dpop-nonce': 'n' }, body: '{"error":"invalid_client"}' }],
		['use_dpop_nonce without the header', { statusCode: 400, headers: {}, body: '{"error":"use_dpop_nonce"}' }],
		['use_dpop_nonce on a 500', { statusCode: 500, headers: { 'dpop-nonce': 'n' }, body: '{"error":"use_dpop_nonce"}' }],
	])('does not retry %s', async (_case, answer) => {
		const server = endpoint([answer]);
		await expect(dpopTokenCall(server.call, key, new NonceMemory())(login)).resolves.toBe(answer);
		expect(server.sent).toHaveLength(1);
	});
});

describe('dpopNonceHeader', () => {
	it('reads the header in any case, the first of several', () => {
		expect(dpopNonceHeader({ 'DPoP-Nonce': 'eyJ7S_zG.eyJH0-Z.HX4w-7v' })).toBe('eyJ7S_zG.eyJH0-Z.HX4w-7v');
		expect(dpopNonceHeader({ 'dpop-nonce': ['a', 'b'] })).toBe('a');
	});

	it('ignores a value that is not NQCHAR text (quote, backslash, space, empty)', () => {
		for (const value of ['a"b', 'a\\b', 'a b', '']) expect(dpopNonceHeader({ 'dpop-nonce': value })).toBeUndefined();
		expect(dpopNonceHeader(undefined)).toBeUndefined();
	});
});

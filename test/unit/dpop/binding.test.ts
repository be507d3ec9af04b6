import { decodeProtectedHeader } from 'jose';
import type { IHttpRequestOptions } from 'n8n-workflow';

import { DpopBinding, generateDpopKey, NonceMemory, pastedDpopKey } from '../../../credentials/common/dpop';
import type { TokenEndpointResponse } from '../../../credentials/common/http';
import { p384Key } from '../assertion/test-keys';

const ISSUED: TokenEndpointResponse = { statusCode: 200, headers: {}, body: '{}' };
const login: IHttpRequestOptions = { url: 'https://as.example/token', method: 'POST' };

/** The public JWK of the proof a bound token call sent. */
async function proofKeyOf(call: (request: IHttpRequestOptions) => Promise<TokenEndpointResponse>, sent: IHttpRequestOptions[]) {
	await call(login);
	return decodeProtectedHeader(String((sent.at(-1)?.headers as Record<string, string>).DPoP)).jwk;
}

function recorder() {
	const sent: IHttpRequestOptions[] = [];
	return { sent, call: async (request: IHttpRequestOptions) => (sent.push(request), ISSUED) };
}

describe('DpopBinding', () => {
	it('generated key: a new key when nothing is held, its PEM to keep with the token', async () => {
		const { sent, call } = recorder();
		const bound = new DpopBinding(undefined, new NonceMemory()).bindTokenCall(call, undefined);
		expect(bound.proofKey).toMatch(/^-----BEGIN PRIVATE KEY-----/);
		expect(await proofKeyOf(bound.call, sent)).toMatchObject({ kty: 'EC', crv: 'P-256' });
	});

	it('generated key: a renewal proves the key kept with the held token (its refresh token is bound to it)', async () => {
		const held = generateDpopKey();
		const { sent, call } = recorder();
		const bound = new DpopBinding(undefined, new NonceMemory()).bindTokenCall(call, { accessToken: 'old', proofKey: held.storedPem });
		expect(bound.proofKey).toBe(held.storedPem);
		expect(await proofKeyOf(bound.call, sent)).toEqual(held.publicJwk);
	});

	it('pasted key: every proof is of that key, and nothing is kept with the token', async () => {
		const pasted = pastedDpopKey(p384Key.pkcs8);
		const { sent, call } = recorder();
		const bound = new DpopBinding(pasted, new NonceMemory()).bindTokenCall(call, undefined);
		expect(bound.proofKey).toBeUndefined();
		expect(await proofKeyOf(bound.call, sent)).toEqual(pasted.publicJwk);
	});

	it('places the token with a proof of the held token\'s key', () => {
		const held = generateDpopKey();
		const request = new DpopBinding(undefined, new NonceMemory()).placeToken({ url: 'https://api.example/r' }, { accessToken: 't', proofKey: held.storedPem });
		const headers = request.headers as Record<string, string>;
		expect(headers.Authorization).toBe('DPoP t');
		expect(decodeProtectedHeader(headers.DPoP).jwk).toEqual(held.publicJwk);
	});

	it('refuses to place a generated-key token whose key is missing', () => {
		expect(() => new DpopBinding(undefined, new NonceMemory()).placeToken({ url: 'https://api.example/r' }, { accessToken: 't' })).toThrow(
			/The DPoP key of the held token is missing/,
		);
	});

	it('proves the editor\'s Test login with the server\'s remembered nonce', () => {
		const nonces = new NonceMemory();
		nonces.set('https://as.example/token', 'n-7');
		const request = new DpopBinding(undefined, nonces).proveTestLogin(login);
		const proof = String((request.headers as Record<string, string>).DPoP);
		expect(JSON.parse(Buffer.from(proof.split('.')[1], 'base64url').toString())).toMatchObject({ htm: 'POST', htu: login.url, nonce: 'n-7' });
	});
});

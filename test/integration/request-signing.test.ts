/**
 * HMAC Signature API and AWS Signature V4 API through n8n-core's own request helpers, against the
 * signing lab, which checks every signature from the raw bytes it received (AWS's with
 * @smithy/signature-v4, RFC 9421's with http-message-signatures) and refuses replays.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { AwsSigV4Api } from '../../credentials/AwsSigV4Api.credentials';
import { HmacSignatureApi } from '../../credentials/HmacSignatureApi.credentials';
import { SIGNING_LAB_KEYS, startSigningLab, type SigningLab } from '../servers/signing-lab';
import { StoredCredential, failureOf, n8nRequester } from './support/n8n-request-harness';

let lab: SigningLab;
beforeAll(async () => {
	lab = await startSigningLab();
});
afterAll(async () => await lab.close());
beforeEach(() => lab.reset());

const hmac = (data: Record<string, unknown>) => n8nRequester(new HmacSignatureApi(), new StoredCredential(data as ICredentialDataDecryptedObject));
const aws = (data: Record<string, unknown> = {}) =>
	n8nRequester(new AwsSigV4Api(), new StoredCredential({ ...SIGNING_LAB_KEYS.aws, region: 'eu-west-1', service: 'execute-api', ...data } as ICredentialDataDecryptedObject));
const verdicts = () => lab.verdicts.map(({ ok, reason }) => (ok ? 'ok' : reason));

describe('HMAC presets, legacy and other nodes\' shapes', () => {
	it('Binance: query from the URL and qs, a form body; every request accepted, none replayed', async () => {
		const binance = hmac({ preset: 'binance', ...SIGNING_LAB_KEYS.binance, recvWindow: '5000' });
		await binance.legacyRequest({ uri: `${lab.url}/binance/api/v3/order?symbol=LTC BTC`, method: 'POST', qs: { side: 'BUY', price: '0.1' }, form: { quantity: '1', note: 'a+b ~' } });
		await binance.httpRequest({ url: `${lab.url}/binance/api/v3/account`, qs: { omitZeroBalances: true } });
		expect(verdicts()).toEqual(['ok', 'ok']);
		expect(lab.verdicts[0].target).toMatch(/^\/binance\/api\/v3\/order\?symbol=LTC%20BTC&side=BUY&price=0\.1&recvWindow=5000&timestamp=\d{13}&signature=[0-9a-f]{64}$/);
		expect(lab.verdicts[0].body).toBe('quantity=1&note=a%2Bb%20~');
	});

	it('OKX: a JSON body and a GET with a query', async () => {
		const okx = hmac({ preset: 'okxV5', ...SIGNING_LAB_KEYS.okx });
		await okx.legacyRequest({ uri: `${lab.url}/okx/api/v5/trade/order`, method: 'POST', body: { instId: 'BTC-USDT', sz: '1' } });
		await okx.httpRequest({ url: `${lab.url}/okx/api/v5/account/balance`, qs: { ccy: 'BTC,ETH' } });
		expect(verdicts()).toEqual(['ok', 'ok']);
	});

	it('Kraken: the nonce in the form body, growing from request to request', async () => {
		const kraken = hmac({ preset: 'kraken', ...SIGNING_LAB_KEYS.kraken });
		for (let i = 0; i < 3; i++) await kraken.legacyRequest({ uri: `${lab.url}/kraken/0/private/Balance`, method: 'POST', form: { asset: 'XBT' } });
		expect(verdicts()).toEqual(['ok', 'ok', 'ok']);
		expect(lab.verdicts[0].body).toMatch(/^nonce=\d+&asset=XBT$/);
	});

	it('HTTP Message Signatures (ed25519), verified by http-message-signatures', async () => {
		const rfc = hmac({ preset: 'httpMessageSignatures', messageSignatureAlgorithm: 'ed25519', keyId: 'lab-ed25519', privateKey: lab.rfc9421PrivateKeyPem });
		await rfc.legacyRequest({ uri: `${lab.url}/rfc9421/orders?x=1 2`, method: 'POST', body: { a: 1 } });
		await rfc.httpRequest({ url: `${lab.url}/rfc9421/orders`, method: 'PUT', body: 'raw', headers: { 'content-type': 'text/plain' } });
		expect(verdicts()).toEqual(['ok', 'ok']);
	});

	it('a wrong secret is refused by the API (the check is real)', async () => {
		await failureOf(hmac({ preset: 'okxV5', ...SIGNING_LAB_KEYS.okx, secret: 'wrong' }).httpRequest({ url: `${lab.url}/okx/api/v5/x` }));
		// httpRequestWithAuthentication signs the same request object again after a 401 and retries once.
		expect(verdicts()).toEqual(['signature mismatch', 'signature mismatch']);
		expect(lab.verdicts[1].proof).not.toBe(lab.verdicts[0].proof);
	});

	it('bad settings fail before anything is sent, without the secret in the message', async () => {
		const message = await failureOf(hmac({ preset: 'custom', apiKey: 'k', secret: 'zz-secret', keyEncoding: 'hex', stringToSign: '{method}' }).httpRequest({ url: `${lab.url}/okx/x` }));
		expect(message).toMatch(/Secret is not valid hex/);
		expect(message).not.toContain('zz-secret');
		expect(lab.verdicts).toHaveLength(0);
	});
});

describe('AWS Signature V4, recomputed by @smithy/signature-v4', () => {
	it.each([
		['a GET with spaces, ~, + and repeated keys', { uri: 'PLACEHOLDER/aws/items?a=x+y&b=~', qs: { c: ['2', '1', 'a b'], 'd~': '+' }, useQuerystring: true }],
		['a JSON body', { uri: 'PLACEHOLDER/aws/items', method: 'POST', body: { a: 'é', b: [1, 2] } }],
		['a form body', { uri: 'PLACEHOLDER/aws/items', method: 'POST', form: { a: 'b c', d: '~' } }],
		['a raw body', { uri: 'PLACEHOLDER/aws/items', method: 'PUT', body: 'line 1\nline 2', json: false, headers: { 'content-type': 'text/plain' } }],
	])('the HTTP Request node\'s shape: %s', async (_name, options) => {
		const request = JSON.parse(JSON.stringify(options).replace('PLACEHOLDER', lab.url)) as { uri: string };
		await aws().legacyRequest(request);
		expect(verdicts()).toEqual(['ok']);
	});

	it('other nodes\' shape, baseURL and qs', async () => {
		await aws().httpRequest({ baseURL: `${lab.url}/aws/v1`, url: '/things', qs: { q: "it's (1)" }, method: 'POST', body: { x: 1 }, json: true });
		expect(verdicts()).toEqual(['ok']);
	});

	it('an S3-style PUT with UNSIGNED-PAYLOAD', async () => {
		await aws({ service: 's3', region: 'auto', payloadSigning: 'unsigned' }).httpRequest({ url: `${lab.url}/aws/bucket/a%20key.bin`, method: 'PUT', body: Buffer.from([1, 2, 3]) });
		expect(verdicts()).toEqual(['ok']);
	});

	it('a wrong secret is refused', async () => {
		await failureOf(aws({ secretAccessKey: 'wrong' }).httpRequest({ url: `${lab.url}/aws/x` }));
		expect(lab.verdicts[0].reason).toMatch(/signature mismatch/);
	});

	it('an empty Region is refused before anything is sent', async () => {
		expect(await failureOf(aws({ region: '' }).httpRequest({ url: `${lab.url}/aws/x` }))).toMatch(/Region is empty/);
		expect(lab.verdicts).toHaveLength(0);
	});
});

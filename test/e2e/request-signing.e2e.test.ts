// HMAC Signature API and AWS Signature V4 API in real n8n: the HTTP Request node's requests,
// each checked by the signing lab from the raw bytes it received (query parameters set in the UI
// and in the URL, JSON, form and raw bodies, an S3-style unsigned upload), Pagination and Retry On
// Fail signing each page and each try afresh (the lab refuses the first try, and refuses any
// replayed signature).
import { SIGNING_LAB_KEYS, startSigningLab } from '../servers/signing-lab';
import { errorText, nodeItems } from './harness/cli';
import { signedWorkflow, type SignedCall } from './harness/signed-workflow';
import { signingCredential as credential } from './harness/signing-credentials';
import { useN8nSpec } from './harness/spec-setup';
import { HTTP_NODE, type WorkflowFixture } from './harness/workflows';

describe('request signing in real n8n', () => {
	const flows: Record<string, WorkflowFixture> = {};

	const { n8n, lab } = useN8nSpec('request-signing', {
		servers: { lab: startSigningLab },
		fixtures: ({ lab }) => {
			const creds = {
				binance: credential('hmacSignatureApi', { preset: 'binance', ...SIGNING_LAB_KEYS.binance, recvWindow: '5000' }),
				okx: credential('hmacSignatureApi', { preset: 'okxV5', ...SIGNING_LAB_KEYS.okx }),
				kraken: credential('hmacSignatureApi', { preset: 'kraken', ...SIGNING_LAB_KEYS.kraken }),
				rfc9421: credential('hmacSignatureApi', { preset: 'httpMessageSignatures', messageSignatureAlgorithm: 'ed25519', keyId: 'lab-ed25519', privateKey: lab.rfc9421PrivateKeyPem }),
				aws: credential('awsSigV4Api', { ...SIGNING_LAB_KEYS.aws, region: 'eu-west-1', service: 'execute-api', payloadSigning: 'signed' }),
				s3: credential('awsSigV4Api', { ...SIGNING_LAB_KEYS.aws, region: 'auto', service: 's3', payloadSigning: 'unsigned' }),
				badSecret: credential('hmacSignatureApi', { preset: 'custom', apiKey: 'k', secret: 'not-hex-SECRET', keyEncoding: 'hex', stringToSign: '{method}' }),
			};
			const calls: Record<string, SignedCall> = {
				binanceQuery: { credential: creds.binance, method: 'GET', url: `=${lab.url}/binance/api/v3/account?symbol=LTC BTC&item={{ $json.i }}`, query: { side: 'BUY', note: 'a b+c~' }, items: 3 },
				binanceForm: { credential: creds.binance, method: 'POST', url: `${lab.url}/binance/api/v3/order`, body: { form: { quantity: '1', note: 'x+y z' } } },
				okxJson: { credential: creds.okx, method: 'POST', url: `${lab.url}/okx/api/v5/trade/order?tag=a b`, body: { json: '{"instId": "BTC-USDT", "sz": "1"}' } },
				krakenForm: { credential: creds.kraken, method: 'POST', url: `${lab.url}/kraken/0/private/AddOrder`, body: { form: { pair: 'XBTUSD', volume: '1.25' } } },
				rfc9421Json: { credential: creds.rfc9421, method: 'POST', url: `${lab.url}/rfc9421/orders?x=1`, body: { json: '{"a": [1, 2]}' } },
				awsQueryJson: { credential: creds.aws, method: 'POST', url: `${lab.url}/aws/items?in+url=a b~`, query: { 'q key': 'x y', tilde: '~+', q: 'second' }, body: { json: '{"a": "é"}' } },
				awsForm: { credential: creds.aws, method: 'POST', url: `${lab.url}/aws/form`, body: { form: { a: 'b c', d: '~+' } } },
				awsRaw: { credential: creds.aws, method: 'PUT', url: `${lab.url}/aws/raw`, body: { raw: 'line 1\nline 2', contentType: 'text/plain' } },
				s3Put: { credential: creds.s3, method: 'PUT', url: `${lab.url}/aws/bucket/a key.txt`, body: { raw: 'file content', contentType: 'text/plain' } },
				awsRetry: { credential: creds.aws, method: 'GET', url: `${lab.url}/aws/retry`, retry: true },
				binanceRetry: { credential: creds.binance, method: 'GET', url: `${lab.url}/binance/retry`, retry: true },
				krakenRetry: { credential: creds.kraken, method: 'POST', url: `${lab.url}/kraken/retry`, body: { form: { a: '1' } }, retry: true },
				badSecret: { credential: creds.badSecret, method: 'GET', url: `${lab.url}/okx/never` },
				binancePages: { credential: creds.binance, method: 'GET', url: `${lab.url}/binance/api/v3/allOrders?symbol=LTCBTC`, pages: { count: 3, name: 'page', in: 'qs' } },
				okxPages: { credential: creds.okx, method: 'POST', url: `${lab.url}/okx/api/v5/trade/orders-history`, body: { json: '{"instType": "SPOT"}' }, pages: { count: 3, name: 'page', in: 'body' } },
				awsPages: { credential: creds.aws, method: 'GET', url: `${lab.url}/aws/pages?size=2`, pages: { count: 3, name: 'page', in: 'qs' } },
			};
			for (const [name, call] of Object.entries(calls)) flows[name] = signedWorkflow(call);
			return { credentials: Object.values(creds), workflows: Object.values(flows) };
		},
	});

	beforeEach(() => lab.reset());

	const verdicts = () => lab.verdicts.map(({ ok, reason }) => (ok ? 'ok' : reason));

	it('Binance: query parameters from the UI and the URL, signed per item, none replayed', async () => {
		const result = await n8n.execute(flows.binanceQuery.id);
		expect(result.ok).toBe(true);
		expect(nodeItems(result.run, HTTP_NODE)).toHaveLength(3);
		expect(verdicts()).toEqual(['ok', 'ok', 'ok']);
		expect(lab.verdicts[0].target).toMatch(/^\/binance\/api\/v3\/account\?symbol=LTC%20BTC&item=0&side=BUY&note=a%20b%2Bc~&recvWindow=5000&timestamp=\d{13}&signature=[0-9a-f]{64}$/);
	});

	it.each([
		['binanceForm', 'Binance, a form body', 'quantity=1&note=x%2By%20z'],
		['okxJson', 'OKX, a JSON body and a query in the URL', '{"instId":"BTC-USDT","sz":"1"}'],
		['krakenForm', 'Kraken, the nonce in the form body', /^nonce=\d{13}&pair=XBTUSD&volume=1\.25$/],
		['rfc9421Json', 'RFC 9421 (ed25519), verified by http-message-signatures', '{"a":[1,2]}'],
		['awsQueryJson', 'AWS, query in the UI and the URL with spaces, ~ and +, JSON body', '{"a":"é"}'],
		['awsForm', 'AWS, a form body', 'a=b%20c&d=~%2B'],
		['awsRaw', 'AWS, a raw body', 'line 1\nline 2'],
		['s3Put', 'AWS S3-style PUT with UNSIGNED-PAYLOAD', 'file content'],
	])('%s: %s', async (flow, _title, body) => {
		const result = await n8n.execute(flows[flow].id);
		expect(verdicts()).toEqual(['ok']);
		expect(result.ok).toBe(true);
		if (typeof body === 'string') expect(lab.verdicts[0].body).toBe(body);
		else expect(lab.verdicts[0].body).toMatch(body);
	});

	it.each([['awsRetry'], ['binanceRetry'], ['krakenRetry']])('%s: Retry On Fail signs the second try afresh', async (flow) => {
		lab.failFirst(flow === 'awsRetry' ? '/aws/retry' : flow === 'binanceRetry' ? '/binance/retry' : '/kraken/retry');
		const result = await n8n.execute(flows[flow].id);
		expect(result.ok).toBe(true);
		expect(lab.verdicts.map(({ ok, status }) => [ok, status])).toEqual([[true, 503], [true, 200]]);
		expect(lab.verdicts[1].proof).not.toBe(lab.verdicts[0].proof);
	});

	it.each([
		['binancePages', /^\/binance\/api\/v3\/allOrders\?symbol=LTCBTC&page=(\d)&recvWindow=5000&timestamp=\d{13}&signature=[0-9a-f]{64}$/, 'target'],
		['okxPages', /^\{"instType":"SPOT","page":(\d)\}$/, 'body'],
		['awsPages', /^\/aws\/pages\?size=2&page=(\d)$/, 'target'],
	] as const)('%s: Pagination signs each page on its own (the page number in the query or the body)', async (flow, page, where) => {
		const result = await n8n.execute(flows[flow].id);
		expect(result.ok).toBe(true);
		expect(verdicts()).toEqual(['ok', 'ok', 'ok']);
		expect(lab.verdicts.map((verdict) => page.exec(verdict[where])?.[1])).toEqual(['1', '2', '3']);
		expect(new Set(lab.verdicts.map((verdict) => verdict.proof)).size).toBe(3);
	});

	it('a secret that is not valid in its encoding fails before anything is sent, without the secret', async () => {
		const result = await n8n.execute(flows.badSecret.id);
		expect(result.ok).toBe(false);
		expect(errorText(result.run)).toMatch(/Secret is not valid hex/);
		expect(JSON.stringify(result.run)).not.toContain('not-hex-SECRET');
		expect(lab.verdicts).toHaveLength(0);
	});
});

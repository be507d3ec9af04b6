/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
import { createHash, createHmac } from 'crypto';

import { TokenAuthError } from '../../../../credentials/common/errors';
import { signRequest } from '../../../../credentials/common/signing';
import { readHmacSigner } from '../../../../credentials/common/signing/hmac/read-hmac-signer';

const at = (ms: number, nonce = 'n0nce') => ({ now: new Date(ms), nonce });

describe('Kraken, against the example Kraken publishes', () => {
	// https://docs.kraken.com/api/docs/guides/spot-rest-auth ("Examples": private key, nonce, payload, URI path, API-Sign).
	// First in this file: Kraken's nonce only grows within a process, and this example's nonce is from 2021.
	it('signs nonce=1616492376594&ordertype=limit&... for /0/private/AddOrder as Kraken shows', () => {
		const options: Record<string, unknown> = {
			uri: 'https://api.kraken.com/0/private/AddOrder',
			method: 'POST',
			form: { ordertype: 'limit', pair: 'XBTUSD', price: '37500', type: 'buy', volume: '1.25' },
		};
		const signer = readHmacSigner({ preset: 'kraken', apiKey: 'public-key', secret: 'kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==' });
		signRequest(options, signer, at(1616492376594));
		expect(options.body).toBe('nonce=1616492376594&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25');
		expect(options.headers).toEqual({
			'content-type': 'application/x-www-form-urlencoded',
			'API-Key': 'public-key',
			'API-Sign': '4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ==',
		});
	});

	it('gives two requests in the same millisecond increasing nonces', () => {
		const signer = readHmacSigner({ preset: 'kraken', apiKey: 'k', secret: 'c2VjcmV0' });
		const bodies = [1, 2].map(() => {
			const options: Record<string, unknown> = { uri: 'https://api.kraken.com/0/private/Balance', method: 'POST' };
			signRequest(options, signer, at(1700000000000));
			return String(options.body);
		});
		expect(bodies).toEqual(['nonce=1700000000000', 'nonce=1700000000001']);
	});
});

describe('Binance, against the example Binance publishes', () => {
	// https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security
	// ("SIGNED request example (HMAC)": the key pair, the query string and the signature).
	const binance = {
		preset: 'binance',
		apiKey: 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A',
		secret: 'NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j',
		recvWindow: '5000',
	};

	it('signs symbol=LTCBTC&...&recvWindow=5000&timestamp=1499827319559 as Binance shows, signature last', () => {
		const options: Record<string, unknown> = {
			uri: 'https://api.binance.com/api/v3/order',
			method: 'POST',
			qs: { symbol: 'LTCBTC', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', quantity: '1', price: '0.1' },
		};
		signRequest(options, readHmacSigner(binance), at(1499827319559));
		expect(options.uri).toBe(
			'https://api.binance.com/api/v3/order?symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559' +
				'&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71',
		);
		expect(options.headers).toEqual({ 'X-MBX-APIKEY': binance.apiKey });
	});

	it('signs the query followed by the body (the mixed example) and replaces an earlier try\'s values', () => {
		const options: Record<string, unknown> = {
			uri: 'https://api.binance.com/api/v3/order?symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&timestamp=1&signature=old',
			method: 'POST',
			form: { quantity: '1', price: '0.1' },
		};
		signRequest(options, readHmacSigner(binance), at(1499827319559));
		const query = 'symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&recvWindow=5000&timestamp=1499827319559';
		const expected = createHmac('sha256', binance.secret).update(`${query}quantity=1&price=0.1`).digest('hex');
		expect(options.uri).toBe(`https://api.binance.com/api/v3/order?${query}&signature=${expected}`);
	});
});

describe('Bybit v5 and OKX v5, by their documented formulas (neither publishes an example signature)', () => {
	it('Bybit v5: timestamp + key + recv window + query, HMAC-SHA256 hex, X-BAPI-* headers', () => {
		const options: Record<string, unknown> = { uri: 'https://api.bybit.com/v5/order/realtime', qs: { category: 'linear', symbol: 'BTCUSDT' } };
		signRequest(options, readHmacSigner({ preset: 'bybitV5', apiKey: 'XXXX', secret: 'YYYY', recvWindow: '20000' }), at(1658384314791));
		expect(options.headers).toEqual({
			'X-BAPI-API-KEY': 'XXXX',
			'X-BAPI-RECV-WINDOW': '20000',
			'X-BAPI-TIMESTAMP': '1658384314791',
			'X-BAPI-SIGN': createHmac('sha256', 'YYYY').update('1658384314791XXXX20000category=linear&symbol=BTCUSDT').digest('hex'),
		});
	});

	it('OKX v5: ISO timestamp + method + path with query + body, base64, with the passphrase', () => {
		const options: Record<string, unknown> = { url: 'https://www.okx.com/api/v5/trade/order', method: 'POST', body: { instId: 'BTC-USDT', sz: '1' }, json: true };
		signRequest(options, readHmacSigner({ preset: 'okxV5', apiKey: 'key', secret: 'sec', passphrase: 'pass phrase' }), at(Date.UTC(2020, 11, 8, 9, 8, 57, 715)));
		const body = '{"instId":"BTC-USDT","sz":"1"}';
		expect(options.body).toBe(body);
		expect(options.headers).toEqual({
			'content-type': 'application/json',
			'OK-ACCESS-KEY': 'key',
			'OK-ACCESS-TIMESTAMP': '2020-12-08T09:08:57.715Z',
			'OK-ACCESS-PASSPHRASE': 'pass phrase',
			'OK-ACCESS-SIGN': createHmac('sha256', 'sec').update(`2020-12-08T09:08:57.715ZPOST/api/v5/trade/order${body}`).digest('base64'),
		});
	});
});

describe('Custom', () => {
	const custom = {
		preset: 'custom',
		apiKey: 'my-key',
		secret: '00ff10',
		keyEncoding: 'hex',
		algorithm: 'sha512',
		stringToSign: '{method}\\n{host}\\n{pathWithQuery}\\n{timestamp}\\n{nonce}\\n{bodyHash}\\n{header:X-Tenant}',
		timestampFormat: 'unixSeconds',
		signatureEncoding: 'base64url',
		signaturePlacement: 'header',
		signatureName: 'Authorization',
		signaturePrefix: 'HMAC ',
		apiKeyPlacement: 'query',
		apiKeyName: 'key',
		timestampPlacement: 'header',
		timestampName: 'X-Timestamp',
		noncePlacement: 'body',
		nonceName: 'nonce',
	};

	it('signs its String to Sign with the decoded secret and places each value where the form says', () => {
		const options: Record<string, unknown> = { url: 'https://h.example:8443/a', method: 'PUT', headers: { 'X-Tenant': ' t1 ' }, body: { a: 1 }, json: true };
		signRequest(options, readHmacSigner(custom), at(1700000000999, 'abc'));
		expect(options.url).toBe('https://h.example:8443/a?key=my-key');
		const sent = String(options.body);
		const message = `PUT\nh.example:8443\n/a?key=my-key\n1700000000\nabc\n${createHash('sha256').update(sent).digest('hex')}\nt1`;
		expect(options.headers).toEqual({
			'X-Tenant': ' t1 ',
			'content-type': 'application/json',
			'X-Timestamp': '1700000000',
			Authorization: `HMAC ${createHmac('sha512', Buffer.from('00ff10', 'hex')).update(message).digest('base64url')}`,
		});
		expect(JSON.parse(sent)).toEqual({ a: 1, nonce: 'abc' });
	});

	it.each([
		['a secret that is not hex', { keyEncoding: 'hex', secret: 'xyz' }, /Secret is not valid hex/],
		['a secret that is not base64', { keyEncoding: 'base64', secret: 'a$b' }, /Secret is not valid base64/],
		['an unknown template part', { stringToSign: '{method}{bogus}' }, /unknown part \{bogus\}/],
		['an unclosed template part', { stringToSign: '{method' }, /without its closing/],
		['an empty API Key', { apiKey: ' ' }, /API Key is empty/],
		['a header name with a space', { signatureName: 'X Sig' }, /is not a header name/],
		['an unknown algorithm', { algorithm: 'md5' }, /Algorithm must be one of/],
	])('refuses %s, without showing the secret', (_name, change, message) => {
		const error = captureError(() => readHmacSigner({ ...custom, ...change }));
		expect(error).toBeInstanceOf(TokenAuthError);
		expect(error.message).toMatch(message);
		expect(error.message).not.toContain('00ff10');
	});

	it('refuses to sign a multipart body when the String to Sign covers the body', () => {
		const options = { uri: 'https://h.example/u', method: 'POST', formData: { f: 'x' } };
		expect(() => signRequest(options, readHmacSigner({ ...custom, noncePlacement: 'header', nonceName: 'X-Nonce' }))).toThrow(/multipart body's bytes are not known/);
	});
});

describe('Preset fields', () => {
	it('OKX needs its passphrase', () => {
		expect(() => readHmacSigner({ preset: 'okxV5', apiKey: 'k', secret: 's', passphrase: '' })).toThrow(/Passphrase is empty/);
	});

	it('Kraken needs a base64 secret', () => {
		expect(() => readHmacSigner({ preset: 'kraken', apiKey: 'k', secret: 'not base64!' })).toThrow(/Secret is not valid base64/);
	});

	it('a Receive Window is a whole number', () => {
		expect(() => readHmacSigner({ preset: 'binance', apiKey: 'k', secret: 's', recvWindow: '5s' })).toThrow(/Receive Window/);
	});
});

function captureError(run: () => unknown): Error {
	try {
		run();
	} catch (error) {
		return error as Error;
	}
	throw new Error('expected an error');
}

describe('Reading the fields before every request', () => {
	it('reads the same values once (n8n decrypts a new copy for every request) and an edited field at once', () => {
		const fields = { preset: 'binance', apiKey: 'cache-key', secret: 'cache-secret', recvWindow: '5000' };
		const signer = readHmacSigner({ ...fields });
		expect(readHmacSigner({ ...fields })).toBe(signer);
		const edited = readHmacSigner({ ...fields, secret: 'edited-secret' });
		expect(edited).not.toBe(signer);
		const request = (s: typeof signer) => signRequest({ uri: 'https://api.binance.com/api/v3/account', method: 'GET' } as Record<string, unknown>, s, at(1499827319559)).uri;
		expect(request(edited)).not.toBe(request(signer));
	});
});

import { HmacSignatureApi } from '../../../credentials/HmacSignatureApi.credentials';

/** The public contract: exported workflows refer to these names; labels follow issue 23. */
describe('HMAC Signature API declaration', () => {
	const type = new HmacSignatureApi();
	const field = (name: string) => type.properties.find((p) => p.name === name);
	const optionsOf = (name: string) => (field(name)?.options as Array<{ name: string; value: string }>).map((o) => [o.name, o.value]);

	it('has its name, labels and documentation anchor', () => {
		expect([type.name, type.displayName]).toEqual(['hmacSignatureApi', 'HMAC Signature API']);
		expect([...new Set(type.properties.map((p) => p.displayName))]).toEqual([
			'Preset', 'API Key', 'Secret', 'Passphrase', 'Receive Window (ms)', 'Secret Encoding', 'Algorithm', 'String to Sign', 'Timestamp Format',
			'Signature Encoding', 'Send Signature As', 'Signature Name', 'Signature Prefix', 'Send API Key As', 'API Key Name', 'Send Timestamp As',
			'Timestamp Name', 'Send Nonce As', 'Nonce Name', 'Signature Algorithm', 'Key ID', 'Private Key', 'Covered Components', 'Test URL',
		]);
		expect(type.documentationUrl).toBe('https://www.npmjs.com/package/n8n-nodes-token-auth#hmac-signature-api');
		expect(type.test.request).toEqual({ url: '={{$credentials.testUrl}}', method: 'GET' });
	});

	it('offers the presets, algorithms and encodings the issue names', () => {
		expect(optionsOf('preset').map(([, value]) => value)).toEqual(['custom', 'binance', 'bybitV5', 'okxV5', 'kraken', 'httpMessageSignatures']);
		expect(optionsOf('algorithm')).toEqual([['HMAC-SHA256', 'sha256'], ['HMAC-SHA384', 'sha384'], ['HMAC-SHA512', 'sha512'], ['HMAC-SHA1 (Old APIs Only)', 'sha1']]);
		expect(optionsOf('keyEncoding').map(([, value]) => value)).toEqual(['text', 'hex', 'base64']);
		expect(optionsOf('timestampFormat').map(([, value]) => value)).toEqual(['unixSeconds', 'unixMilliseconds', 'iso8601']);
		expect(optionsOf('signatureEncoding').map(([, value]) => value)).toEqual(['hex', 'base64', 'base64url']);
		expect(optionsOf('messageSignatureAlgorithm').map(([, value]) => value)).toEqual(['hmac-sha256', 'ed25519', 'rsa-pss-sha512']);
	});

	it('keeps secrets in password fields and has no expirable field (so it runs on Engine 2.0)', () => {
		for (const name of ['apiKey', 'secret', 'passphrase', 'privateKey']) expect(field(name)?.typeOptions).toMatchObject({ password: true });
		expect(type.properties.filter((p) => p.typeOptions?.expirable)).toEqual([]);
		expect('preAuthentication' in type).toBe(false);
	});
});

/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
import { signRequest } from '../../../../credentials/common/signing';
import { sigV4Signer, type SigV4Settings } from '../../../../credentials/common/signing/sigv4/sigv4-signer';
import { awsExpectedAuthorization } from '../../../support/smithy-sigv4';

// AWS's Signature V4 test suite (aws-sig-v4-test-suite, also in botocore and @smithy/signature-v4's tests):
// key AKIDEXAMPLE, region us-east-1, service "service", 2015-08-30T12:36:00Z.
const suite: SigV4Settings = {
	accessKeyId: 'AKIDEXAMPLE',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
	sessionToken: '',
	region: 'us-east-1',
	service: 'service',
	payloadSigning: 'signed',
};
const suiteMoment = { now: new Date('2015-08-30T12:36:00Z'), nonce: 'unused' };

describe('AWS Signature V4 test suite vectors', () => {
	it.each([
		['get-vanilla', 'https://example.amazonaws.com/', '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31'],
		['get-vanilla-query-order-key-case', 'https://example.amazonaws.com/?Param2=value2&Param1=value1', 'b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500'],
	])('%s', (_name, url, signature) => {
		const options: Record<string, unknown> = { url, method: 'GET' };
		signRequest(options, sigV4Signer(suite), suiteMoment);
		expect(options.headers).toEqual({
			'x-amz-date': '20150830T123600Z',
			Authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=${signature}`,
		});
	});
});

/** The request as a server receives it, from the signed options (what n8n sends, see test/integration/wire.test.ts). */
function received(options: Record<string, unknown>) {
	const url = new URL(String(options.url ?? options.uri));
	const headers: Record<string, string> = { host: url.host };
	for (const [name, value] of Object.entries((options.headers ?? {}) as Record<string, string>)) headers[name.toLowerCase()] = value;
	const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body as string);
	return { method: String(options.method ?? 'GET'), target: `${url.pathname}${url.search}`, headers, body };
}

describe('against AWS\'s own signer (@smithy/signature-v4) recomputing from the request as sent', () => {
	const keys = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret/with+chars', sessionToken: 'FwoGZXIvYXdzE//token+/=' };
	const settings: SigV4Settings = { ...keys, region: 'eu-central-1', service: 'execute-api', payloadSigning: 'signed' };

	it.each([
		['spaces, ~, + and repeated keys in the query', { uri: 'https://api.custom-domain.example/v1/items?b=2&a=x+y', qs: { a: ['z z', 'a~b', '1+1'], 'k~': '~', empty: '' }, useQuerystring: true }],
		['a path with encoded characters', { url: 'https://h.example/a%20b/c%2Fd/ü', method: 'GET' }],
		['a JSON body', { url: 'https://h.example/x', method: 'POST', body: { a: [1, 2], s: 'é' }, json: true }],
		['a form body', { uri: 'https://h.example/x', method: 'POST', form: { a: 'b c', d: '~' } }],
		['a raw body with its content type', { uri: 'https://h.example/x', method: 'PUT', body: 'raw text\n', json: false, headers: { 'Content-Type': 'text/plain', 'X-Amz-Target': 'Svc.Op' } }],
	])('%s', async (_name, options) => {
		const request = options as Record<string, unknown>;
		signRequest(request, sigV4Signer(settings));
		const sent = received(request);
		expect(sent.headers['x-amz-security-token']).toBe(keys.sessionToken);
		expect(await awsExpectedAuthorization(sent, keys)).toBe(sent.headers.authorization);
	});

	it('S3: the path as sent, x-amz-content-sha256, UNSIGNED-PAYLOAD for an upload', async () => {
		const request: Record<string, unknown> = { url: 'https://bucket.minio.local:9000/key%20with%20space.txt', method: 'PUT', body: 'file bytes', headers: { 'content-type': 'text/plain' } };
		signRequest(request, sigV4Signer({ ...settings, service: 's3', region: 'auto', payloadSigning: 'unsigned' }));
		const sent = received(request);
		expect(sent.headers['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
		expect(await awsExpectedAuthorization(sent, keys)).toBe(sent.headers.authorization);
	});

	it('a changed body no longer matches', async () => {
		const request: Record<string, unknown> = { url: 'https://h.example/x', method: 'POST', body: { a: 1 } };
		signRequest(request, sigV4Signer(settings));
		const sent = { ...received(request), body: Buffer.from('{"a":2}') };
		expect(await awsExpectedAuthorization(sent, keys)).not.toBe(sent.headers.authorization);
	});

	it('refuses a multipart body with a signed payload, and signs it with UNSIGNED-PAYLOAD', () => {
		expect(() => signRequest({ uri: 'https://h.example/x', method: 'POST', formData: { f: 'x' } }, sigV4Signer(settings))).toThrow(/set Payload Signing to Unsigned/);
		const request: Record<string, unknown> = { uri: 'https://h.example/x', method: 'POST', formData: { f: 'x' } };
		signRequest(request, sigV4Signer({ ...settings, payloadSigning: 'unsigned' }));
		expect((request.headers as Record<string, string>)['x-amz-content-sha256']).toBe('UNSIGNED-PAYLOAD');
	});
});

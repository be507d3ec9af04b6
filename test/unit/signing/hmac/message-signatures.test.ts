// RFC 9421 signatures made by our signer, verified by the http-message-signatures package (not by our code).
import { createHash, generateKeyPairSync, randomBytes } from 'crypto';
import { createVerifier, httpbis } from 'http-message-signatures';

import { signRequest } from '../../../../credentials/common/signing';
import { readHmacSigner } from '../../../../credentials/common/signing/hmac/read-hmac-signer';

const secret = randomBytes(32);
const ed25519 = generateKeyPairSync('ed25519');
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = (key: typeof ed25519.privateKey) => key.export({ type: 'pkcs8', format: 'pem' }).toString();

const algorithms = [
	['hmac-sha256', { secret: secret.toString('base64'), keyEncoding: 'base64' }, secret],
	['ed25519', { privateKey: pem(ed25519.privateKey) }, ed25519.publicKey],
	['rsa-pss-sha512', { privateKey: pem(rsa.privateKey) }, rsa.publicKey],
] as const;

function signed(settings: Record<string, unknown>, options: Record<string, unknown>) {
	signRequest(options, readHmacSigner({ preset: 'httpMessageSignatures', keyId: 'key-1', coveredComponents: '@method, @authority, @path, @query, content-type, content-digest', ...settings }));
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(options.headers as Record<string, string>)) headers[name.toLowerCase()] = value;
	return { method: String(options.method), url: String(options.url), headers, body: String(options.body) };
}

describe('HTTP Message Signatures (RFC 9421)', () => {
	it.each(algorithms)('%s verifies with http-message-signatures, and a changed request does not', async (alg, settings, verifyKey) => {
		const request = signed({ messageSignatureAlgorithm: alg, ...settings }, { url: 'https://api.example.com:8443/orders', qs: { q: 'a b' }, method: 'POST', body: { a: 1 }, json: true });
		const seen: Array<Record<string, unknown>> = [];
		const keyLookup = async (params: Record<string, unknown>) => {
			seen.push(params);
			return { id: 'key-1', algs: [alg], verify: createVerifier(verifyKey, alg) };
		};
		expect(await httpbis.verifyMessage({ keyLookup, requiredFields: ['@method', '@authority', '@path', '@query', 'content-digest'] }, request)).toBe(true);
		expect(seen[0]).toMatchObject({ keyid: 'key-1', alg });
		expect(request.headers['content-digest']).toBe(`sha-256=:${createHash('sha256').update(request.body).digest('base64')}:`);
		const tampered = { ...request, method: 'PUT' };
		expect(await httpbis.verifyMessage({ keyLookup }, tampered).catch(() => false)).toBe(false);
	});

	it('a fresh nonce and created time per signing', () => {
		const first = signed({ secret: secret.toString('hex'), keyEncoding: 'hex' }, { url: 'https://h.example/', method: 'GET', headers: { 'content-type': 'x' } });
		const second = signed({ secret: secret.toString('hex'), keyEncoding: 'hex' }, { url: 'https://h.example/', method: 'GET', headers: { 'content-type': 'x' } });
		const nonceOf = (input: string) => /;nonce="([0-9a-f]{32})"/.exec(input)?.[1];
		expect(nonceOf(first.headers['signature-input'])).toBeDefined();
		expect(nonceOf(first.headers['signature-input'])).not.toBe(nonceOf(second.headers['signature-input']));
	});

	it.each([
		['an unknown derived component', { coveredComponents: '@method, @bogus' }, /Covered Components names "@bogus"/],
		['a component twice', { coveredComponents: '@method @method' }, /twice/],
		['an HMAC secret under 32 bytes', { secret: 'short', keyEncoding: 'text' }, /shorter than the 32 bytes/],
		['an RSA key for ed25519', { messageSignatureAlgorithm: 'ed25519', privateKey: pem(rsa.privateKey) }, /is an rsa key, and ed25519 needs an ed25519 key/],
		['a key that is not PEM', { messageSignatureAlgorithm: 'ed25519', privateKey: 'abc' }, /not a PEM key/],
		['a quote in the Key ID', { keyId: 'a"b' }, /Key ID must be printable ASCII/],
	])('refuses %s', (_name, change, message) => {
		expect(() => readHmacSigner({ preset: 'httpMessageSignatures', keyId: 'k', coveredComponents: '@method', secret: secret.toString('base64'), keyEncoding: 'base64', ...change })).toThrow(message);
	});

	it('refuses to sign a request without a covered header', () => {
		const options = { url: 'https://h.example/', method: 'GET' };
		expect(() => signRequest(options, readHmacSigner({ preset: 'httpMessageSignatures', keyId: 'k', coveredComponents: '@method x-missing', secret: secret.toString('base64'), keyEncoding: 'base64' }))).toThrow(
			/names the header "x-missing", which this request does not carry/,
		);
	});
});

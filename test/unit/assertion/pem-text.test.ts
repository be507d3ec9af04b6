import { createPrivateKey } from 'crypto';

import { certificatePems, privateKeyPem } from '../../../credentials/common/assertion';
import { ecCertified, otherRsaCertified, pemLines, rsaCertified } from './test-certificates';
import { bodyOf, p256Key, rsaKey } from './test-keys';

const samePem = (a: string, b: string) =>
	createPrivateKey(a).export({ format: 'der', type: 'pkcs8' }).equals(createPrivateKey(b).export({ format: 'der', type: 'pkcs8' }));

describe('privateKeyPem: a pasted PEM with its line breaks lost is rebuilt', () => {
	it.each([
		['as typed', (pem: string) => pem],
		['spaces instead of line breaks (n8n password field)', (pem: string) => pem.trim().replace(/\n/g, ' ')],
		['on one line, no separator at all', (pem: string) => pem.replace(/\n/g, '')],
		['with literal \\n from a JSON or .env file', (pem: string) => pem.replace(/\n/g, '\\n')],
		['with Windows line ends and surrounding blanks', (pem: string) => `\n  ${pem.replace(/\n/g, '\r\n')}  \n`],
	])('%s', (_name, damage) => {
		for (const pem of [rsaKey.pkcs8, rsaKey.traditional, p256Key.traditional]) {
			expect(samePem(privateKeyPem('Private Key', damage(pem)), pem)).toBe(true);
		}
	});

	it('takes the private key block out of a bundle (openssl ecparam prints EC PARAMETERS first; a certificate may follow)', () => {
		const bundle = `-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n${p256Key.traditional}${rsaKey.publicPem}`;
		expect(samePem(privateKeyPem('Private Key', bundle), p256Key.traditional)).toBe(true);
	});
});

describe('privateKeyPem: what cannot be rebuilt gets an error naming the problem, never the key', () => {
	const secretPart = bodyOf(rsaKey.pkcs8).slice(40, 80);
	const failure = (text: string) => {
		try {
			privateKeyPem('Private Key', text);
		} catch (error) {
			expect((error as Error).message).not.toContain(secretPart);
			return (error as Error).message;
		}
		throw new Error('expected an error');
	};

	it.each([
		['garbage', 'not a key at all', /Private Key is not a PEM key: paste the whole key from "-----BEGIN PRIVATE KEY-----"/],
		['the base64 without its armor', bodyOf(rsaKey.pkcs8), /Private Key is not a PEM key/],
		['a key cut off before its END line', rsaKey.pkcs8.slice(0, 400), /no matching "-----END ...-----" line: the key was cut off/],
		['a public key', rsaKey.publicPem, /holds a public key or certificate \(PUBLIC KEY\), not the private key/],
		['a certificate request label', '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----', /PEM block of type CERTIFICATE REQUEST, not a private key/],
		['mismatched armor', rsaKey.pkcs8.replace('END PRIVATE KEY', 'END RSA PRIVATE KEY'), /no matching|ends with "END RSA PRIVATE KEY"/],
		['text inside the body', rsaKey.pkcs8.replace(/\n([A-Za-z0-9+/]{64})\n/, '\n$1 (copied from mail)\n'), /is not base64: the key was changed or cut/],
	])('%s', (_name, text, message) => {
		expect(failure(text)).toMatch(message);
	});
});

describe('certificatePems: a pasted certificate is rebuilt the same way', () => {
	it.each([
		['as typed', (pem: string) => pem],
		['spaces instead of line breaks', (pem: string) => pem.trim().replace(/\n/g, ' ')],
		['on one line, no separator at all', (pem: string) => pem.replace(/\n/g, '')],
		['with literal \\n from a JSON file', (pem: string) => pem.replace(/\n/g, '\\n')],
	])('%s', (_name, damage) => {
		for (const pem of [rsaCertified.cert, ecCertified.cert]) expect(certificatePems('Certificate', damage(pem))).toEqual([pem]);
	});

	it('gives each certificate of a chain, and skips other blocks', () => {
		expect(certificatePems('Certificate', `${rsaCertified.key}${rsaCertified.cert}${otherRsaCertified.cert}`)).toEqual([rsaCertified.cert, otherRsaCertified.cert]);
	});

	it.each([
		['no PEM at all', 'thumbprint 2E:74:54', /^Certificate is not a PEM certificate: paste the whole certificate/],
		['only a private key', rsaCertified.key, /^Certificate is not a PEM certificate: it holds PRIVATE KEY \(the private key goes in Private Key\)/],
		['a cut-off certificate', rsaCertified.cert.slice(0, 300), /no matching "-----END ...-----" line: the certificate was cut off/],
		['mismatched armor', rsaCertified.cert.replace('END CERTIFICATE', 'END CERTIFICATE REQUEST'), /ends with "END CERTIFICATE REQUEST": the certificate is damaged/],
	])('refuses %s without showing it', (_name, text, message) => {
		let caught: Error | undefined;
		try {
			certificatePems('Certificate', text);
		} catch (error) {
			caught = error as Error;
		}
		expect(caught?.message).toMatch(message);
		for (const line of pemLines(rsaCertified.cert, rsaCertified.key)) expect(caught?.message).not.toContain(line);
	});
});

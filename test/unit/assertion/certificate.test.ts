import { readCertificate, readPrivateKey } from '../../../credentials/common/assertion';
import { rsaKey } from './test-keys';
import { ecCertified, expectedThumbprints, otherRsaCertified, pemLines, rsaCertified } from './test-certificates';

const thumbprintsOf = (test: typeof rsaCertified, text = test.cert) => readCertificate('Certificate', text, readPrivateKey('Private Key', test.key));

describe('readCertificate: the thumbprints of the key\'s certificate', () => {
	it.each([
		['RSA', rsaCertified],
		['EC P-256', ecCertified],
	])('%s: x5t#S256 is the SHA-256 and x5t the SHA-1 of the DER, base64url', (_name, test) => {
		const expected = expectedThumbprints(test.cert);
		expect(thumbprintsOf(test)).toEqual({ x5tS256: expected['x5t#S256'], x5t: expected.x5t });
	});

	it.each([
		['spaces instead of line breaks', (pem: string) => pem.trim().replace(/\n/g, ' ')],
		['on one line, no separator at all', (pem: string) => pem.replace(/\n/g, '')],
		['with literal \\n from a JSON file', (pem: string) => pem.replace(/\n/g, '\\n')],
		['with Windows line ends and surrounding blanks', (pem: string) => `\n  ${pem.replace(/\n/g, '\r\n')}  \n`],
	])('reads a certificate pasted %s', (_name, damage) => {
		const expected = expectedThumbprints(rsaCertified.cert);
		expect(thumbprintsOf(rsaCertified, damage(rsaCertified.cert)).x5tS256).toBe(expected['x5t#S256']);
	});

	it('picks the key\'s own certificate out of a pasted chain', () => {
		const chain = `${otherRsaCertified.cert}${rsaCertified.cert}`;
		expect(thumbprintsOf(rsaCertified, chain).x5t).toBe(expectedThumbprints(rsaCertified.cert).x5t);
	});

	it('parses a certificate once, however often the settings are read', () => {
		expect(thumbprintsOf(rsaCertified)).toBe(thumbprintsOf(rsaCertified));
	});
});

describe('readCertificate: refused before any request, naming the field, never showing the PEM', () => {
	const lineLost = rsaCertified.cert.replace(/\n[A-Za-z0-9+/]{64}\n/, '\n');
	it.each([
		['text that is not a PEM', 'MIIC thumbprint 2E7454118', /^Certificate is not a PEM certificate: paste the whole certificate from "-----BEGIN CERTIFICATE-----"/],
		['the base64 without its armor', pemLines(rsaCertified.cert).join(''), /^Certificate is not a PEM certificate/],
		['the private key', rsaCertified.key, /^Certificate is not a PEM certificate: it holds PRIVATE KEY \(the private key goes in Private Key\)/],
		['a public key', rsaKey.publicPem, /^Certificate is not a PEM certificate: it holds PUBLIC KEY;/],
		['base64 that is not a certificate', `-----BEGIN CERTIFICATE-----\n${Buffer.from('x'.repeat(90)).toString('base64')}\n-----END CERTIFICATE-----`, /^Certificate is not a PEM certificate that can be read \(X\.509\): the certificate is damaged or incomplete/],
		['a certificate with a line lost when pasted', lineLost, /^Certificate is not a PEM certificate that can be read \(X\.509\)/],
		['a certificate cut off before its END line', rsaCertified.cert.slice(0, 500), /^Certificate has a BEGIN line but no matching "-----END ...-----" line: the certificate was cut off/],
		['text inside the base64', rsaCertified.cert.replace(/\n([A-Za-z0-9+/]{64})\n/, '\n$1 (from mail)\n'), /^Certificate: the text between the BEGIN and END lines is not base64: the certificate was changed/],
		['a certificate of another key', otherRsaCertified.cert, /^Certificate does not belong to the Private Key: it certifies another public key.*or leave Certificate empty/],
		['an EC certificate for an RSA key', ecCertified.cert, /^Certificate does not belong to the Private Key/],
	])('%s', (_name, text, message) => {
		let caught: Error | undefined;
		try {
			thumbprintsOf(rsaCertified, text);
		} catch (error) {
			caught = error as Error;
		}
		expect(caught).toMatchObject({ name: 'TokenAuthError', reason: 'SETTINGS_INVALID' });
		expect(caught?.message).toMatch(message);
		for (const line of pemLines(rsaCertified.cert, rsaCertified.key, otherRsaCertified.cert, ecCertified.cert, rsaKey.publicPem)) {
			expect(caught?.message).not.toContain(line);
		}
	});
});

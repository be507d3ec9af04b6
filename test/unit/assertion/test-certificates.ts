/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * Keys with self-signed certificates, made at test time with openssl (as test/servers/tls-material.ts
 * makes the labs' TLS certificates): the thumbprints the tests expect come from the certificate
 * itself, not from the code under test.
 */
import { execFileSync } from 'child_process';
import { X509Certificate, createPublicKey, type KeyObject } from 'crypto';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export interface TestCertificate {
	/** The private key, PKCS#8 PEM. */
	key: string;
	cert: string;
	publicKey: KeyObject;
}

function selfSigned(newKey: string[], name: string): TestCertificate {
	const dir = mkdtempSync(join(tmpdir(), 'x5t-test-'));
	try {
		const args = ['req', '-x509', ...newKey, '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', `/CN=${name}`];
		execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
		const key = readFileSync(join(dir, 'key.pem'), 'utf8');
		return { key, cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), publicKey: createPublicKey(key) };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export const rsaCertified = selfSigned(['-newkey', 'rsa:2048'], 'rsa-client');
export const ecCertified = selfSigned(['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'], 'ec-client');
/** A certificate of another RSA key: it must not pass as the certificate of rsaCertified.key. */
export const otherRsaCertified = selfSigned(['-newkey', 'rsa:2048'], 'other-client');

/** A thumbprint as JWS wants it, from node's "AB:CD:..." hex fingerprint: bytes, then base64url. */
const fromHexFingerprint = (hex: string) => Buffer.from(hex.replace(/:/g, ''), 'hex').toString('base64url');

/** The x5t#S256 and x5t a header must carry for this certificate, computed independently. */
export function expectedThumbprints(pem: string): { 'x5t#S256': string; x5t: string } {
	const certificate = new X509Certificate(pem);
	return { 'x5t#S256': fromHexFingerprint(certificate.fingerprint256), x5t: fromHexFingerprint(certificate.fingerprint) };
}

/** Every line of the PEMs longer than the armor: none may appear in a message. */
export const pemLines = (...pems: string[]) =>
	pems.flatMap((pem) => pem.split('\n')).filter((line) => line.length >= 16 && !line.startsWith('-----'));

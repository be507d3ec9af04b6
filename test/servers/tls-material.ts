/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * Certificates made at test time with openssl: a self-signed server certificate, or a private
 * CA and a server certificate it signed. Both name 127.0.0.1, localhost and any extra host.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

export interface TlsMaterial {
	key: string;
	cert: string;
	/** The CA certificate file (private CA only): what NODE_EXTRA_CA_CERTS points at. */
	caFile?: string;
	dir: string;
}

const openssl = (args: string[], cwd: string) => execFileSync('openssl', args, { cwd, stdio: 'pipe' });

function sanFile(dir: string, hosts: string[]): string {
	const names = ['IP:127.0.0.1', 'DNS:localhost', ...hosts.map((host) => `DNS:${host}`)].join(',');
	writeFileSync(join(dir, 'san.cnf'), `subjectAltName=${names}\n`);
	return join(dir, 'san.cnf');
}

export function selfSignedCertificate(extraHosts: string[] = []): TlsMaterial {
	const dir = mkdtempSync(join(tmpdir(), 'login-lab-tls-'));
	const san = ['IP:127.0.0.1', 'DNS:localhost', ...extraHosts.map((h) => `DNS:${h}`)].join(',');
	openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'cert.pem', '-days', '1', '-subj', '/CN=login-lab', '-addext', `subjectAltName=${san}`], dir);
	return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), dir };
}

export function privateCaCertificate(extraHosts: string[] = []): TlsMaterial {
	const dir = mkdtempSync(join(tmpdir(), 'login-lab-ca-'));
	openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=login-lab private CA'], dir);
	openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'key.pem', '-out', 'server.csr', '-subj', '/CN=login-lab'], dir);
	openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'cert.pem', '-days', '1', '-extfile', sanFile(dir, extraHosts)], dir);
	return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), caFile: join(dir, 'ca.pem'), dir };
}

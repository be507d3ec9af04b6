import { createHash, createPublicKey, X509Certificate, type KeyObject } from 'crypto';

import { ParsedCache } from './parsed-cache';
import { certificatePems } from './pem-text';
import { TokenAuthError } from '../errors';

/**
 * A certificate's thumbprints as JWS headers name them (RFC 7515 sections 4.1.7 and 4.1.8):
 * base64url of the SHA-256 and of the SHA-1 of its DER. Microsoft Entra ID finds the registered
 * certificate by them; current endpoints read x5t#S256, older ones x5t.
 */
export interface CertificateThumbprints {
	x5tS256: string;
	x5t: string;
}

interface ParsedCertificate {
	publicKeyDer: Buffer;
	thumbprints: CertificateThumbprints;
}

/** Parsed certificates, and each key's public half, kept: settings are read before every request. */
const parsedCertificateLists = new ParsedCache<ParsedCertificate[]>();
const publicKeyDers = new WeakMap<KeyObject, Buffer>();

/**
 * The thumbprints of the pasted certificate that belongs to the private key; a chain may be
 * pasted, the key's own certificate is picked from it. Refuses, before any request, a text that
 * is not a certificate and a certificate of another key (the server would refuse the assertion
 * with a message that hides why); the message never holds the certificate or the key.
 */
export function readCertificate(label: string, text: string, privateKey: KeyObject): CertificateThumbprints {
	const certificates = parsedCertificates(label, text);
	const keyDer = publicKeyDerOf(privateKey);
	const own = certificates.find((certificate) => certificate.publicKeyDer.equals(keyDer));
	if (own === undefined) {
		throw new TokenAuthError(
			'SETTINGS_INVALID',
			`${label} does not belong to the Private Key: it certifies another public key; paste the certificate made from this key ` +
				`(the one registered with the server), or leave ${label} empty`,
		);
	}
	return own.thumbprints;
}

function parsedCertificates(label: string, text: string): ParsedCertificate[] {
	return parsedCertificateLists.get(text, () => certificatePems(label, text).map((pem) => parseCertificate(label, pem)));
}

function parseCertificate(label: string, pem: string): ParsedCertificate {
	const certificate = tryX509(pem);
	// OpenSSL's reason is left out of the message: only its kind matters to the user.
	if (certificate === undefined) {
		throw new TokenAuthError('SETTINGS_INVALID', `${label} is not a PEM certificate that can be read (X.509): the certificate is damaged or incomplete`);
	}
	return {
		publicKeyDer: certificate.publicKey.export({ type: 'spki', format: 'der' }),
		thumbprints: {
			x5tS256: createHash('sha256').update(certificate.raw).digest('base64url'),
			x5t: createHash('sha1').update(certificate.raw).digest('base64url'),
		},
	};
}

function tryX509(pem: string): X509Certificate | undefined {
	try {
		return new X509Certificate(pem);
	} catch {
		return undefined;
	}
}

function publicKeyDerOf(privateKey: KeyObject): Buffer {
	const known = publicKeyDers.get(privateKey);
	if (known !== undefined) return known;
	const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
	publicKeyDers.set(privateKey, der);
	return der;
}

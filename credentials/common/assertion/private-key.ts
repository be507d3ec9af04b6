import { createHash, createPrivateKey, type KeyObject } from 'crypto';

import { encryptedMessage, privateKeyPem } from './pem-text';
import { TokenAuthError } from '../errors';

/**
 * Parsed keys by a digest of their text: settings are read before every request, and parsing an
 * RSA key each time would cost more than the request's own work. Bounded, oldest dropped first.
 */
const parsed = new Map<string, KeyObject>();
const MAX_PARSED = 64;

/** Reads a pasted PEM private key (RSA or EC; PKCS#8, PKCS#1 or SEC1) into a key object. */
export function readPrivateKey(label: string, text: string): KeyObject {
	if (text.trim() === '') throw new TokenAuthError('SETTINGS_INVALID', `${label} is empty: paste the PEM private key`);
	const digest = createHash('sha256').update(text).digest('hex');
	const known = parsed.get(digest);
	if (known !== undefined) return known;
	const key = parsePem(label, privateKeyPem(label, text));
	if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss' && key.asymmetricKeyType !== 'ec') {
		throw new TokenAuthError('SETTINGS_INVALID', `${label} is an ${String(key.asymmetricKeyType)} key: use an RSA or EC (P-256, P-384) key`);
	}
	if (parsed.size >= MAX_PARSED) parsed.delete(parsed.keys().next().value as string);
	parsed.set(digest, key);
	return key;
}

function parsePem(label: string, pem: string): KeyObject {
	const parsed = tryCreatePrivateKey(pem);
	if ('key' in parsed) return parsed.key;
	// OpenSSL's reason is kept out of the message: only its kind matters to the user.
	if (/passphrase|decrypt/i.test(parsed.failure)) throw new TokenAuthError('SETTINGS_INVALID', encryptedMessage(label));
	throw new TokenAuthError(
		'SETTINGS_INVALID',
		`${label} could not be read as an RSA or EC private key (PEM, PKCS#8, PKCS#1 or SEC1): ` +
			'the key is damaged or incomplete',
	);
}

function tryCreatePrivateKey(pem: string): { key: KeyObject } | { failure: string } {
	try {
		// A passphrase of '' makes an encrypted key fail here instead of prompting on the terminal.
		return { key: createPrivateKey({ key: pem, format: 'pem', passphrase: '' }) };
	} catch (error) {
		return { failure: String((error as Error).message) };
	}
}

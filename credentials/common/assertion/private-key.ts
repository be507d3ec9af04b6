import { createPrivateKey, type KeyObject } from 'crypto';

import { ParsedCache } from './parsed-cache';
import { encryptedMessage, privateKeyPem } from './pem-text';
import { TokenAuthError } from '../errors';

const parsedKeys = new ParsedCache<KeyObject>();

/** The key types a credential signs with: RSA and EC everywhere, Ed25519 where EdDSA is offered. */
const RSA_EC = ['rsa', 'rsa-pss', 'ec'];
const WITH_EDWARDS = [...RSA_EC, 'ed25519'];

/**
 * Reads a pasted PEM private key (RSA or EC; PKCS#8, PKCS#1 or SEC1; Ed25519 in PKCS#8 when
 * `edwards` is set) into a key object.
 */
export function readPrivateKey(label: string, text: string, { edwards = false } = {}): KeyObject {
	if (text.trim() === '') throw new TokenAuthError('SETTINGS_INVALID', `${label} is empty: paste the PEM private key`);
	const key = parsedKeys.get(text, () => parsePem(label, privateKeyPem(label, text)));
	if (!(edwards ? WITH_EDWARDS : RSA_EC).includes(String(key.asymmetricKeyType))) {
		const choices = edwards ? 'an RSA, EC (P-256, P-384) or Ed25519 key' : 'an RSA or EC (P-256, P-384) key';
		throw new TokenAuthError('SETTINGS_INVALID', `${label} is an ${String(key.asymmetricKeyType)} key: use ${choices}`);
	}
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

import { createPrivateKey, type KeyObject } from 'crypto';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { ParsedCache } from '../../assertion/parsed-cache';
import { privateKeyPem } from '../../assertion/pem-text';
import { TokenAuthError } from '../../errors';
import { readChoice, readSecretField, readTextField, SettingsCache } from '../../fields';
import { SIGNATURE_ENCODINGS, TIMESTAMP_FORMATS } from '../encodings';
import type { RequestSigner } from '../request-signer';
import { decodeSecret, SECRET_ENCODINGS } from '../secret';
import { StringToSign } from '../string-to-sign';
import { HMAC_ALGORITHMS, NOWHERE, type HmacSettings, type ValuePlacement } from './hmac-settings';
import { hmacSigner } from './hmac-signer';
import { MESSAGE_SIGNATURE_ALGORITHMS, messageSignatureSigner, readComponents } from './message-signatures';
import { HMAC_PRESETS, PRESETS } from './presets';

const signers = new SettingsCache<RequestSigner>();

/**
 * The HMAC Signature API credential's fields, read and checked, as a signer. Every problem is an
 * error naming the field, thrown before anything is sent; no message shows a secret.
 */
export function readHmacSigner(credentials: ICredentialDataDecryptedObject): RequestSigner {
	return signers.read(credentials, () => signerOf(credentials));
}

function signerOf(credentials: ICredentialDataDecryptedObject): RequestSigner {
	const preset = readChoice('Preset', credentials.preset ?? 'custom', HMAC_PRESETS);
	if (preset === 'httpMessageSignatures') return readMessageSignatureSigner(credentials);
	const apiKey = readTextField('API Key', credentials.apiKey, true);
	if (preset === 'custom') return hmacSigner(readCustomSettings(credentials, apiKey));
	const fixed = PRESETS[preset];
	const settings: HmacSettings = {
		...fixed,
		apiKey,
		secret: decodeSecret('Secret', readSecretField('Secret', credentials.secret, true), fixed.secretEncoding),
		passphrase: fixed.needsPassphrase ? readSecretField('Passphrase', credentials.passphrase, true) : '',
		recvWindow: fixed.place.recvWindow.in === 'none' ? '' : readRecvWindow(credentials.recvWindow),
	};
	return hmacSigner(settings);
}

function readCustomSettings(credentials: ICredentialDataDecryptedObject, apiKey: string): HmacSettings {
	const secretEncoding = readChoice('Secret Encoding', credentials.keyEncoding ?? 'text', SECRET_ENCODINGS);
	const stringToSign = readTextField('String to Sign', credentials.stringToSign, true);
	return {
		algorithm: readChoice('Algorithm', credentials.algorithm ?? 'sha256', HMAC_ALGORITHMS),
		secret: decodeSecret('Secret', readSecretField('Secret', credentials.secret, true), secretEncoding),
		apiKey,
		passphrase: '',
		recvWindow: '',
		message: StringToSign.parse(stringToSign),
		timestampFormat: readChoice('Timestamp Format', credentials.timestampFormat ?? 'unixSeconds', TIMESTAMP_FORMATS),
		signatureEncoding: readChoice('Signature Encoding', credentials.signatureEncoding ?? 'hex', SIGNATURE_ENCODINGS),
		nonceKind: 'random',
		place: {
			signature: readPlacement(credentials, 'signature', 'Signature', ['header', 'query']),
			apiKey: readPlacement(credentials, 'apiKey', 'API Key', ['header', 'query', 'none']),
			timestamp: readPlacement(credentials, 'timestamp', 'Timestamp', ['header', 'query', 'body', 'none']),
			nonce: readPlacement(credentials, 'nonce', 'Nonce', ['header', 'query', 'body', 'none']),
			passphrase: NOWHERE,
			recvWindow: NOWHERE,
		},
	};
}

/** `<value>Placement` (Send <Label> As), `<value>Name` (<Label> Name), and for headers `<value>Prefix`. */
function readPlacement(
	credentials: ICredentialDataDecryptedObject,
	value: string,
	label: string,
	allowed: ReadonlyArray<'header' | 'query' | 'body' | 'none'>,
): ValuePlacement {
	const where = readChoice(`Send ${label} As`, credentials[`${value}Placement`] ?? allowed[0], allowed);
	if (where === 'none') return NOWHERE;
	const name = readTextField(`${label} Name`, credentials[`${value}Name`], true);
	if (where === 'header' && !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
		throw new TokenAuthError('SETTINGS_INVALID', `${label} Name "${name}" is not a header name`);
	}
	if (where !== 'header') return { in: where, name };
	const prefix = credentials[`${value}Prefix`];
	return { in: 'header', name, prefix: typeof prefix === 'string' ? prefix : '' };
}

function readRecvWindow(value: unknown): string {
	const text = readTextField('Receive Window (ms)', value ?? '5000', false) || '5000';
	if (!/^\d{1,8}$/.test(text)) throw new TokenAuthError('SETTINGS_INVALID', 'Receive Window (ms) must be a whole number of milliseconds');
	return text;
}

const parsedKeys = new ParsedCache<KeyObject>();

function readMessageSignatureSigner(credentials: ICredentialDataDecryptedObject): RequestSigner {
	const algorithm = readChoice('Signature Algorithm', credentials.messageSignatureAlgorithm ?? 'hmac-sha256', MESSAGE_SIGNATURE_ALGORITHMS);
	const keyId = readTextField('Key ID', credentials.keyId, true);
	if (!/^[\x20-\x7e]+$/.test(keyId) || /["\\]/.test(keyId)) {
		throw new TokenAuthError('SETTINGS_INVALID', 'Key ID must be printable ASCII without quotes or backslashes');
	}
	const components = readComponents(readTextField('Covered Components', credentials.coveredComponents, true));
	if (algorithm === 'hmac-sha256') {
		const encoding = readChoice('Secret Encoding', credentials.keyEncoding ?? 'text', SECRET_ENCODINGS);
		const key = decodeSecret('Secret', readSecretField('Secret', credentials.secret, true), encoding);
		if (key.length < 32) throw new TokenAuthError('SETTINGS_INVALID', 'Secret is shorter than the 32 bytes hmac-sha256 needs');
		return messageSignatureSigner({ algorithm, key, keyId, components });
	}
	const text = readSecretField('Private Key', credentials.privateKey, true);
	const key = parsedKeys.get(text, () => readSigningKey(text));
	const expected = algorithm === 'ed25519' ? ['ed25519'] : ['rsa', 'rsa-pss'];
	if (!expected.includes(String(key.asymmetricKeyType))) {
		throw new TokenAuthError('SETTINGS_INVALID', `Private Key is an ${String(key.asymmetricKeyType)} key, and ${algorithm} needs an ${expected[0]} key`);
	}
	return messageSignatureSigner({ algorithm, key, keyId, components });
}

function readSigningKey(text: string): KeyObject {
	const pem = privateKeyPem('Private Key', text);
	const key = tryCreateKey(pem);
	if (key === undefined) throw new TokenAuthError('SETTINGS_INVALID', 'Private Key could not be read as a PEM private key: it is damaged, incomplete or encrypted');
	return key;
}

function tryCreateKey(pem: string): KeyObject | undefined {
	try {
		return createPrivateKey(pem);
	} catch {
		return undefined;
	}
}

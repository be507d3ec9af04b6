import { createPrivateKey, createPublicKey, type KeyObject } from 'crypto';

import { ParsedCache } from './parsed-cache';
import { TokenAuthError } from '../errors';

/** PKCS#8 for an Ed25519 key is this fixed prefix and the 32-byte seed (RFC 8410 section 7). */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const RAW_BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

const parsedRawKeys = new ParsedCache<KeyObject>();

/**
 * An Ed25519 private key given as base64 without PEM armor, as Coinbase Developer Platform
 * shows and downloads it: 64 bytes, the 32-byte seed then its public key (or the seed alone).
 * Undefined when the text is not of that shape (a PEM is read elsewhere); an error, without the
 * key, when it is but its public half does not belong to the seed (damaged when copied).
 */
export function readRawEd25519Key(label: string, text: string): KeyObject | undefined {
	const compact = text.trim();
	if (!RAW_BASE64.test(compact)) return undefined;
	const bytes = Buffer.from(compact, 'base64');
	if (bytes.length !== 64 && bytes.length !== 32) return undefined;
	return parsedRawKeys.get(compact, () => {
		const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, bytes.subarray(0, 32)]), format: 'der', type: 'pkcs8' });
		if (bytes.length === 64) {
			const derivedPublic = createPublicKey(privateKey).export({ format: 'jwk' }).x;
			if (derivedPublic !== bytes.subarray(32).toString('base64url')) {
				throw new TokenAuthError(
					'SETTINGS_INVALID',
					`${label} looks like a base64 Ed25519 key (64 bytes), but its second half is not the public key of its first: the key was changed when copied`,
				);
			}
		}
		return privateKey;
	});
}

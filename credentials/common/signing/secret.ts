import { TokenAuthError } from '../errors';

export const SECRET_ENCODINGS = ['text', 'hex', 'base64'] as const;
export type SecretEncoding = (typeof SECRET_ENCODINGS)[number];

/**
 * The secret's bytes. A hex or base64 secret must be valid in its encoding (Node's decoders
 * silently drop what they cannot read, which would sign with a different key); base64url and
 * missing padding are accepted. The message never shows the secret.
 */
export function decodeSecret(label: string, text: string, encoding: SecretEncoding): Buffer {
	if (text === '') throw new TokenAuthError('SETTINGS_INVALID', `${label} is empty`);
	if (encoding === 'text') return Buffer.from(text, 'utf8');
	const compact = text.replace(/\s+/g, '');
	if (encoding === 'hex') {
		if (!/^(?:[0-9a-fA-F]{2})+$/.test(compact)) {
			throw new TokenAuthError('SETTINGS_INVALID', `${label} is not valid hex: use pairs of 0-9 and a-f, or choose another Secret Encoding`);
		}
		return Buffer.from(compact, 'hex');
	}
	if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact) || compact.replace(/=+$/, '').length % 4 === 1) {
		throw new TokenAuthError('SETTINGS_INVALID', `${label} is not valid base64: check that it was copied whole, or choose another Secret Encoding`);
	}
	return Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

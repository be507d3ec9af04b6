import { createHash, createHmac, constants, sign, type KeyObject } from 'crypto';

import { TokenAuthError } from '../../errors';
import { wireUrl, type WireRequest } from '../../wire';
import type { RequestSigner } from '../request-signer';
import { bodyOf } from '../string-to-sign';

export const MESSAGE_SIGNATURE_ALGORITHMS = ['hmac-sha256', 'ed25519', 'rsa-pss-sha512'] as const;
export type MessageSignatureAlgorithm = (typeof MESSAGE_SIGNATURE_ALGORITHMS)[number];

const DERIVED = ['@method', '@authority', '@scheme', '@target-uri', '@request-target', '@path', '@query'] as const;

export interface MessageSignatureSettings {
	algorithm: MessageSignatureAlgorithm;
	/** The HMAC secret's bytes, or the private key. */
	key: Buffer | KeyObject;
	keyId: string;
	/** Lower case: derived components (`@method`) and header names (`content-digest`). */
	components: string[];
}

/**
 * RFC 9421 HTTP Message Signatures: the signature base over the covered components, signed, sent
 * as `Signature-Input` and `Signature` (label `sig1`, parameters `created`, `keyid`, `alg`,
 * `nonce`). Covering `content-digest` adds that header (RFC 9530, SHA-256) from the body's bytes.
 */
export function messageSignatureSigner(settings: MessageSignatureSettings): RequestSigner {
	return {
		ownParameterNames: [],
		signedParameters: () => [],
		sign: (wire, moment) => {
			const headers: Record<string, string> = {};
			let signed = wire;
			if (settings.components.includes('content-digest')) {
				headers['Content-Digest'] = `sha-256=:${createHash('sha256').update(bodyOf(wire)).digest('base64')}:`;
				signed = { ...wire, headers: { ...wire.headers, 'content-digest': headers['Content-Digest'] } };
			}
			const params =
				`(${settings.components.map((component) => `"${component}"`).join(' ')})` +
				`;created=${Math.floor(moment.now.getTime() / 1000)};keyid="${settings.keyId}";alg="${settings.algorithm}";nonce="${moment.nonce}"`;
			const base = [...settings.components.map((component) => `"${component}": ${componentValue(signed, component)}`), `"@signature-params": ${params}`].join('\n');
			headers['Signature-Input'] = `sig1=${params}`;
			headers.Signature = `sig1=:${signatureOf(settings, Buffer.from(base, 'utf8')).toString('base64')}:`;
			return { headers, query: [] };
		},
	};
}

/** The covered components as typed in the form (`@method, @path, content-type`), checked. */
export function readComponents(text: string): string[] {
	const components = text
		.split(/[\s,]+/)
		.map((component) => component.replace(/^"|"$/g, '').trim().toLowerCase())
		.filter((component) => component !== '');
	if (components.length === 0) throw new TokenAuthError('SETTINGS_INVALID', 'Covered Components is empty: name at least @method and @target-uri');
	for (const component of components) {
		if (component.startsWith('@') ? !(DERIVED as readonly string[]).includes(component) : !/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(component)) {
			throw new TokenAuthError('SETTINGS_INVALID', `Covered Components names "${component}": use ${DERIVED.join(', ')} or header names`);
		}
	}
	if (new Set(components).size !== components.length) throw new TokenAuthError('SETTINGS_INVALID', 'Covered Components names a component twice');
	return components;
}

function componentValue(wire: WireRequest, component: string): string {
	switch (component) {
		case '@method':
			return wire.method;
		case '@authority':
			return wire.host.toLowerCase();
		case '@scheme':
			return wire.scheme;
		case '@target-uri':
			return wireUrl(wire);
		case '@request-target':
			return wire.query === '' ? wire.path : `${wire.path}?${wire.query}`;
		case '@path':
			return wire.path;
		case '@query':
			return `?${wire.query}`;
	}
	const value = wire.headers[component];
	if (value === undefined) throw new TokenAuthError('REQUEST_UNSIGNABLE', `Covered Components names the header "${component}", which this request does not carry`);
	return value.trim();
}

function signatureOf(settings: MessageSignatureSettings, base: Buffer): Buffer {
	switch (settings.algorithm) {
		case 'hmac-sha256':
			return createHmac('sha256', settings.key as Buffer).update(base).digest();
		case 'ed25519':
			return sign(null, base, settings.key as KeyObject);
		case 'rsa-pss-sha512':
			return sign('sha512', base, { key: settings.key as KeyObject, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 64 });
	}
}

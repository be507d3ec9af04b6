import type { HmacSettings } from './hmac-settings';
import { NOWHERE } from './hmac-settings';
import { StringToSign } from '../string-to-sign';

export const HMAC_PRESETS = ['custom', 'binance', 'bybitV5', 'okxV5', 'kraken', 'httpMessageSignatures'] as const;
export type HmacPreset = (typeof HMAC_PRESETS)[number];

/** What a preset fixes: everything but the keys (and the Receive Window where it has one). */
export type PresetSettings = Omit<HmacSettings, 'secret' | 'apiKey' | 'passphrase' | 'recvWindow'> & {
	secretEncoding: 'text' | 'base64';
	needsPassphrase: boolean;
};

const header = (name: string) => ({ in: 'header' as const, name, prefix: '' });

/**
 * The exchanges' documented schemes:
 * - Binance: https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security
 *   (HMAC-SHA256, hex, over the query string followed by the body; `timestamp` and `recvWindow`
 *   parameters; `signature` last; key in `X-MBX-APIKEY`).
 * - Bybit v5: https://bybit-exchange.github.io/docs/v5/guide#authentication (timestamp + key +
 *   recv window + query string or JSON body; HMAC-SHA256 hex; `X-BAPI-*` headers).
 * - OKX v5: https://www.okx.com/docs-v5/en/#overview-rest-authentication (timestamp in ISO 8601
 *   with milliseconds + method + path with query + body; HMAC-SHA256 base64; `OK-ACCESS-*`).
 * - Kraken: https://docs.kraken.com/api/docs/guides/spot-rest-auth (`nonce` in the body;
 *   HMAC-SHA512 of path + SHA-256(nonce + body) with the base64-decoded secret; base64).
 */
export const PRESETS: Record<Exclude<HmacPreset, 'custom' | 'httpMessageSignatures'>, PresetSettings> = {
	binance: {
		algorithm: 'sha256',
		secretEncoding: 'text',
		message: StringToSign.parse('{query}{body}'),
		timestampFormat: 'unixMilliseconds',
		signatureEncoding: 'hex',
		nonceKind: 'random',
		needsPassphrase: false,
		place: {
			signature: { in: 'query', name: 'signature' },
			apiKey: header('X-MBX-APIKEY'),
			timestamp: { in: 'query', name: 'timestamp' },
			nonce: NOWHERE,
			passphrase: NOWHERE,
			recvWindow: { in: 'query', name: 'recvWindow' },
		},
	},
	bybitV5: {
		algorithm: 'sha256',
		secretEncoding: 'text',
		message: StringToSign.parse('{timestamp}{apiKey}{recvWindow}{query}{body}'),
		timestampFormat: 'unixMilliseconds',
		signatureEncoding: 'hex',
		nonceKind: 'random',
		needsPassphrase: false,
		place: {
			signature: header('X-BAPI-SIGN'),
			apiKey: header('X-BAPI-API-KEY'),
			timestamp: header('X-BAPI-TIMESTAMP'),
			nonce: NOWHERE,
			passphrase: NOWHERE,
			recvWindow: header('X-BAPI-RECV-WINDOW'),
		},
	},
	okxV5: {
		algorithm: 'sha256',
		secretEncoding: 'text',
		message: StringToSign.parse('{timestamp}{method}{pathWithQuery}{body}'),
		timestampFormat: 'iso8601',
		signatureEncoding: 'base64',
		nonceKind: 'random',
		needsPassphrase: true,
		place: {
			signature: header('OK-ACCESS-SIGN'),
			apiKey: header('OK-ACCESS-KEY'),
			timestamp: header('OK-ACCESS-TIMESTAMP'),
			nonce: NOWHERE,
			passphrase: header('OK-ACCESS-PASSPHRASE'),
			recvWindow: NOWHERE,
		},
	},
	kraken: {
		algorithm: 'sha512',
		secretEncoding: 'base64',
		message: 'kraken',
		timestampFormat: 'unixMilliseconds',
		signatureEncoding: 'base64',
		nonceKind: 'increasing',
		needsPassphrase: false,
		place: {
			signature: header('API-Sign'),
			apiKey: header('API-Key'),
			timestamp: NOWHERE,
			nonce: { in: 'body', name: 'nonce' },
			passphrase: NOWHERE,
			recvWindow: NOWHERE,
		},
	},
};

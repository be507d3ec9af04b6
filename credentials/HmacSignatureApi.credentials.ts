import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { testUrlField, testUrlRequest } from './common/fields';
import { signRequest } from './common/signing';
import { readHmacSigner } from './common/signing/hmac';

const custom = { show: { preset: ['custom'] } };
const withSecretEncoding = { show: { preset: ['custom', 'httpMessageSignatures'] } };
const withSecret = { show: { preset: ['custom', 'binance', 'bybitV5', 'okxV5', 'kraken'] } };
const hmacMessageSignature = { show: { preset: ['httpMessageSignatures'], messageSignatureAlgorithm: ['hmac-sha256'] } };
const keyMessageSignature = { show: { preset: ['httpMessageSignatures'], messageSignatureAlgorithm: ['ed25519', 'rsa-pss-sha512'] } };
const messageSignatures = { show: { preset: ['httpMessageSignatures'] } };
const customIn = (field: string, places: string[]) => ({ show: { preset: ['custom'], [field]: places } });

const placementField = (value: string, label: string, places: string[], defaultPlace: string, defaultName: string): INodeProperties[] => [
	{
		displayName: `Send ${label} As`,
		name: `${value}Placement`,
		type: 'options',
		options: places.map((place) => ({ name: PLACE_NAMES[place], value: place })),
		default: defaultPlace,
		displayOptions: custom,
	},
	{
		displayName: `${label} Name`,
		name: `${value}Name`,
		type: 'string',
		default: defaultName,
		displayOptions: customIn(`${value}Placement`, places.filter((place) => place !== 'none')),
		description: `Header, query parameter or body field that carries the ${label.toLowerCase()}`,
	},
];

const PLACE_NAMES: Record<string, string> = { header: 'Header', query: 'Query Parameter', body: 'Body Field', none: 'Not Sent' };

export class HmacSignatureApi implements ICredentialType {
	name = 'hmacSignatureApi';

	displayName = 'HMAC Signature API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-token-auth#hmac-signature-api';

	icon: Icon = { light: 'file:../icons/hmacSignature.svg', dark: 'file:../icons/hmacSignature.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Preset',
			name: 'preset',
			type: 'options',
			options: [
				{ name: 'Custom', value: 'custom', description: 'Your own String to Sign, algorithm and placements' },
				{ name: 'Binance', value: 'binance' },
				{ name: 'Bybit V5', value: 'bybitV5' },
				{ name: 'OKX V5', value: 'okxV5' },
				{ name: 'Kraken', value: 'kraken' },
				{ name: 'HTTP Message Signatures (RFC 9421)', value: 'httpMessageSignatures' },
			],
			default: 'custom',
		},
		{ displayName: 'API Key', name: 'apiKey', type: 'string', typeOptions: { password: true }, default: '', displayOptions: withSecret, description: 'The public key the provider gave you' },
		{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '', displayOptions: withSecret },
		{ displayName: 'Secret', name: 'secret', type: 'string', typeOptions: { password: true }, default: '', displayOptions: hmacMessageSignature },
		{ displayName: 'Passphrase', name: 'passphrase', type: 'string', typeOptions: { password: true }, default: '', displayOptions: { show: { preset: ['okxV5'] } } },
		{
			displayName: 'Receive Window (ms)',
			name: 'recvWindow',
			type: 'string',
			default: '5000',
			displayOptions: { show: { preset: ['binance', 'bybitV5'] } },
			description: 'How long after its timestamp the exchange still accepts a request',
		},
		{
			displayName: 'Secret Encoding',
			name: 'keyEncoding',
			type: 'options',
			options: [
				{ name: 'Text', value: 'text' },
				{ name: 'Hex', value: 'hex' },
				{ name: 'Base64', value: 'base64' },
			],
			default: 'text',
			displayOptions: withSecretEncoding,
			description: 'How the Secret is written: its bytes are the HMAC key',
		},
		{
			displayName: 'Algorithm',
			name: 'algorithm',
			type: 'options',
			options: [
				{ name: 'HMAC-SHA256', value: 'sha256' },
				{ name: 'HMAC-SHA384', value: 'sha384' },
				{ name: 'HMAC-SHA512', value: 'sha512' },
				{ name: 'HMAC-SHA1 (Old APIs Only)', value: 'sha1' },
			],
			default: 'sha256',
			displayOptions: custom,
		},
		{
			displayName: 'String to Sign',
			name: 'stringToSign',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '{method}\\n{pathWithQuery}\\n{timestamp}\\n{nonce}\\n{bodyHash}',
			displayOptions: custom,
			description:
				'Text with parts: {method} {host} {path} {query} {pathWithQuery} {body} {bodyHash} (SHA-256, hex) {timestamp} {nonce} {apiKey} {header:Name}; \\n is a line break',
		},
		{
			displayName: 'Timestamp Format',
			name: 'timestampFormat',
			type: 'options',
			options: [
				{ name: 'Unix Seconds', value: 'unixSeconds' },
				{ name: 'Unix Milliseconds', value: 'unixMilliseconds' },
				{ name: 'ISO 8601', value: 'iso8601' },
			],
			default: 'unixSeconds',
			displayOptions: custom,
		},
		{
			displayName: 'Signature Encoding',
			name: 'signatureEncoding',
			type: 'options',
			options: [
				{ name: 'Hex', value: 'hex' },
				{ name: 'Base64', value: 'base64' },
				{ name: 'Base64url', value: 'base64url' },
			],
			default: 'hex',
			displayOptions: custom,
		},
		...placementField('signature', 'Signature', ['header', 'query'], 'header', 'X-Signature'),
		{
			displayName: 'Signature Prefix',
			name: 'signaturePrefix',
			type: 'string',
			default: '',
			displayOptions: customIn('signaturePlacement', ['header']),
			description: 'Text before the signature in its header, such as "HMAC "',
		},
		...placementField('apiKey', 'API Key', ['header', 'query', 'none'], 'header', 'X-Api-Key'),
		...placementField('timestamp', 'Timestamp', ['header', 'query', 'body', 'none'], 'header', 'X-Timestamp'),
		...placementField('nonce', 'Nonce', ['header', 'query', 'body', 'none'], 'none', 'X-Nonce'),
		{
			displayName: 'Signature Algorithm',
			name: 'messageSignatureAlgorithm',
			type: 'options',
			options: [
				{ name: 'HMAC-SHA256 (hmac-sha256)', value: 'hmac-sha256' },
				{ name: 'Ed25519 (ed25519)', value: 'ed25519' },
				{ name: 'RSA-PSS SHA-512 (rsa-pss-sha512)', value: 'rsa-pss-sha512' },
			],
			default: 'hmac-sha256',
			displayOptions: messageSignatures,
		},
		{ displayName: 'Key ID', name: 'keyId', type: 'string', default: '', displayOptions: messageSignatures, description: 'Sent as the keyid parameter' },
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			default: '',
			displayOptions: keyMessageSignature,
			description: 'PEM private key (Ed25519 or RSA)',
		},
		{
			displayName: 'Covered Components',
			name: 'coveredComponents',
			type: 'string',
			default: '@method, @authority, @path, @query, content-digest',
			displayOptions: messageSignatures,
			description: 'What the signature covers: @method @authority @scheme @target-uri @request-target @path @query, and header names (content-digest is computed from the body)',
		},
		testUrlField('https://api.example.com/account'),
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
		return signRequest(requestOptions, readHmacSigner(credentials));
	}

	test: ICredentialTestRequest = testUrlRequest;
}

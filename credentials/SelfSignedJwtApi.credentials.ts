import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { testUrlField, testUrlRequest } from './common/fields';
import { authenticateWithSelfSignedJwt } from './common/self-signed';

const HMAC = ['HS256', 'HS384', 'HS512'];

export class SelfSignedJwtApi implements ICredentialType {
	name = 'selfSignedJwtApi';

	displayName = 'Self-Signed JWT API';

	documentationUrl = 'https://www.npmjs.com/package/n8n-nodes-token-auth#self-signed-jwt-api';

	icon: Icon = { light: 'file:../icons/selfSignedJwt.svg', dark: 'file:../icons/selfSignedJwt.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Preset',
			name: 'preset',
			type: 'options',
			options: [
				{ name: 'None (Custom)', value: 'custom', description: 'The fields below say everything' },
				{ name: 'App Store Connect', value: 'appStoreConnect', description: 'ES256 with the .p8 key, aud appstoreconnect-v1, up to 20 minutes' },
				{ name: 'Atlassian Connect', value: 'atlassianConnect', description: 'HS256 with the installation\'s shared secret, a qsh claim per request, Authorization: JWT' },
				{ name: 'Coinbase Developer Platform', value: 'coinbase', description: 'A JWT per request bound to its method, host and path, 2 minutes' },
				{ name: 'Ghost Admin API', value: 'ghostAdmin', description: 'HS256 with the Admin API key (id:secret), aud /admin/' },
				{ name: 'Google Self-Signed JWT', value: 'googleServiceAccount', description: 'RS256 with a service-account key, aud the API' },
			],
			default: 'custom',
		},
		{
			displayName: 'Key File',
			name: 'privateKeyFile',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			default: '',
			description:
				'Paste what the provider gave you: the .p8 key (App Store Connect), the key JSON (Coinbase, Google service account), the Admin API key id:secret (Ghost) or the installation payload JSON (Atlassian Connect); key, Key ID, Issuer and Subject are taken from it unless set below',
		},
		{
			displayName: 'Signing Algorithm',
			name: 'signingAlgorithm',
			type: 'options',
			options: ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA'].map((value) => ({ name: value, value })),
			default: 'ES256',
			description: 'HS* sign with the Secret; RS*, PS256 with an RSA key; ES256, ES384 with an EC key; EdDSA with an Ed25519 key',
			displayOptions: { show: { preset: ['custom'] } },
		},
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The shared secret, as text; at least 32, 48 or 64 bytes for HS256, HS384, HS512',
			displayOptions: { show: { preset: ['custom'], signingAlgorithm: HMAC } },
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true, rows: 5 },
			default: '',
			placeholder: '-----BEGIN PRIVATE KEY-----',
			description: 'The PEM private key (RSA, EC or Ed25519, unencrypted) or a base64 Ed25519 key; empty: from the Key File',
			displayOptions: { hide: { preset: ['ghostAdmin', 'atlassianConnect'] } },
		},
		{
			displayName: 'Key ID',
			name: 'keyId',
			type: 'string',
			default: '',
			description: 'Sent as the kid header (App Store Connect: the Key ID; Coinbase: the key name); empty: from the Key File',
		},
		{ displayName: 'Issuer', name: 'issuer', type: 'string', default: '', description: 'The iss claim (App Store Connect: the Issuer ID; Atlassian Connect: the app key); empty: from the Key File or none' },
		{ displayName: 'Subject', name: 'subject', type: 'string', default: '', description: 'The sub claim; App Store Connect individual keys: "user"' },
		{ displayName: 'Audience', name: 'audience', type: 'string', default: '', description: 'The aud claim (Google: the API, e.g. https://pubsub.googleapis.com/); presets fill their own' },
		{ displayName: 'Lifetime', name: 'lifetime', type: 'number', default: 0, description: 'Seconds from iat to exp; 0: the preset\'s (5 minutes without one)' },
		{ displayName: 'Extra Claims', name: 'extraClaims', type: 'json', default: '{}', description: 'More claims, as a JSON object: {"scope": ["GET /v1/apps"]}' },
		{ displayName: 'Extra Header Fields', name: 'extraHeaderFields', type: 'json', default: '{}', description: 'More JWT header fields, as a JSON object (not alg or kid)' },
		{
			displayName: 'Bind To Request',
			name: 'bindToRequest',
			type: 'options',
			options: [
				{ name: 'As the Preset Needs', value: 'presetDefault', description: 'Coinbase: the uri claim; Atlassian Connect: qsh; others: not bound' },
				{ name: 'None', value: 'none' },
				{ name: 'Uri Claim (Method Host/path)', value: 'uri', description: '"uri": "GET api.example.com/v1/items", as Coinbase documents' },
				{ name: 'Uris Claim (List)', value: 'uris', description: '"uris": ["GET api.example.com/v1/items"], as the CDP SDK sends' },
				{ name: 'Qsh Claim (Query String Hash)', value: 'qsh', description: 'SHA-256 of method, path and sorted query, as Atlassian Connect documents' },
			],
			default: 'presetDefault',
		},
		{
			displayName: 'JWT Reuse',
			name: 'jwtReuse',
			type: 'options',
			options: [
				{ name: 'A New JWT for Every Request', value: 'newPerRequest' },
				{ name: 'Reuse Until Shortly Before It Expires', value: 'reuseUntilExpiry', description: 'For APIs that allow it (App Store Connect, Ghost, Google)' },
			],
			default: 'newPerRequest',
		},
		{
			displayName: 'Send Token As',
			name: 'sendAs',
			type: 'options',
			options: [
				{ name: 'Authorization Header', value: 'authorizationHeader', description: 'Authorization: <prefix> <JWT>' },
				{ name: 'Another Header', value: 'header', description: '<Header Name>: <JWT>' },
				{ name: 'Query Parameter', value: 'query', description: '?<name>=<JWT>' },
			],
			default: 'authorizationHeader',
		},
		{
			displayName: 'Token Prefix',
			name: 'headerPrefix',
			type: 'string',
			default: '',
			placeholder: 'Bearer',
			description: 'Empty: the preset\'s ("Ghost" for Ghost Admin API, "JWT" for Atlassian Connect, "Bearer" otherwise)',
			displayOptions: { show: { sendAs: ['authorizationHeader'] } },
		},
		{ displayName: 'Header Name', name: 'headerName', type: 'string', default: 'X-JWT', displayOptions: { show: { sendAs: ['header'] } } },
		{ displayName: 'Query Parameter Name', name: 'queryParameterName', type: 'string', default: 'token', displayOptions: { show: { sendAs: ['query'] } } },
		testUrlField(),
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
		return await authenticateWithSelfSignedJwt(credentials, requestOptions);
	}

	test: ICredentialTestRequest = testUrlRequest;
}

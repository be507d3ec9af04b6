/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'crypto';
import { createQueryStringHash, decodeSymmetric, fromMethodAndUrl, SymmetricAlgorithm } from 'atlassian-jwt';
import { decodeProtectedHeader, jwtVerify, SignJWT } from 'jose';
import type { IDataObject } from 'n8n-workflow';

import { jwtFor, readSelfSignedSettings } from '../../../credentials/common/self-signed';
import { p256Key, rsaKey } from '../assertion/test-keys';

/** Every JWT is made at this instant, so its claims can be compared whole. */
const NOW = 1_750_000_000;
const clock = () => NOW * 1000 + 250;
const at = { currentDate: new Date(NOW * 1000 + 1000) };
const jwtOf = (fields: IDataObject, bound?: { method: string; host: string; path: string; query: string }) => jwtFor(readSelfSignedSettings(fields), bound, clock);

describe('App Store Connect', () => {
	// https://developer.apple.com/documentation/appstoreconnectapi/generating-tokens-for-api-requests
	// The page's example values: Key ID 2X9R4HXF34, Issuer ID 57246542-96fe-1a63-e053-0824d011072a.
	const fields = { preset: 'appStoreConnect', privateKeyFile: p256Key.pkcs8, keyId: '2X9R4HXF34', issuer: '57246542-96fe-1a63-e053-0824d011072a' };

	it('team key: header {alg ES256, kid, typ JWT}, payload {iss, iat, exp 20 minutes on, aud appstoreconnect-v1}, verified with the .p8 public key', async () => {
		const { protectedHeader, payload } = await jwtVerify(jwtOf(fields), p256Key.publicKey, { ...at, algorithms: ['ES256'] });
		expect(protectedHeader).toEqual({ alg: 'ES256', kid: '2X9R4HXF34', typ: 'JWT' });
		expect(payload).toEqual({ iss: '57246542-96fe-1a63-e053-0824d011072a', iat: NOW, exp: NOW + 1200, aud: 'appstoreconnect-v1' });
	});

	it('individual key: sub "user" in place of iss; scope from Extra Claims', async () => {
		const jwt = jwtOf({ ...fields, issuer: '', subject: 'user', extraClaims: '{"scope": ["GET /v1/apps"]}' });
		const { payload } = await jwtVerify(jwt, p256Key.publicKey, at);
		expect(payload).toEqual({ sub: 'user', iat: NOW, exp: NOW + 1200, aud: 'appstoreconnect-v1', scope: ['GET /v1/apps'] });
	});
});

describe('Coinbase Developer Platform', () => {
	// https://docs.cdp.coinbase.com/get-started/authentication/jwt-authentication: payload {sub: key name,
	// iss: "cdp", nbf, exp: +120, uri}; header {kid: key name, nonce}; ECDSA keys sign ES256.
	const keyName = 'organizations/0b4e8c2f-1f6e-4d2c-9a61-7d1ab1a0c3f2/apiKeys/5a5f3a7e-8f61-4b7e-9d0a-2c1f4e6b8a90';
	const request = { method: 'GET', host: 'api.coinbase.com', path: '/api/v3/brokerage/accounts', query: '' };

	it('ECDSA key JSON: ES256, the documented claims, a fresh 32-hex nonce in the header per JWT', async () => {
		const file = JSON.stringify({ name: keyName, privateKey: p256Key.traditional });
		const first = jwtOf({ preset: 'coinbase', privateKeyFile: file }, request);
		const { protectedHeader, payload } = await jwtVerify(first, p256Key.publicKey, { ...at, algorithms: ['ES256'] });
		expect(protectedHeader).toEqual({ alg: 'ES256', typ: 'JWT', kid: keyName, nonce: expect.stringMatching(/^[0-9a-f]{32}$/) });
		expect(payload).toEqual({ sub: keyName, iss: 'cdp', nbf: NOW, exp: NOW + 120, uri: 'GET api.coinbase.com/api/v3/brokerage/accounts' });
		const second = jwtOf({ preset: 'coinbase', privateKeyFile: file }, request);
		expect(decodeProtectedHeader(second).nonce).not.toBe(protectedHeader.nonce);
	});

	it('Ed25519 key JSON (the portal\'s default today): EdDSA; with uris, the CDP SDK\'s form and aud cdp_service', async () => {
		const pair = generateKeyPairSync('ed25519');
		const { d, x } = pair.privateKey.export({ format: 'jwk' });
		const raw = Buffer.concat([Buffer.from(d as string, 'base64url'), Buffer.from(x as string, 'base64url')]).toString('base64');
		const file = JSON.stringify({ id: '60f8fbe5-b356-4451-a3c9-ae2a90685cc0', privateKey: raw });
		const jwt = jwtOf({ preset: 'coinbase', privateKeyFile: file, bindToRequest: 'uris' }, { method: 'POST', host: 'api.cdp.coinbase.com', path: '/platform/v2/evm/accounts', query: '' });
		const { protectedHeader, payload } = await jwtVerify(jwt, pair.publicKey, { ...at, algorithms: ['EdDSA'] });
		expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: '60f8fbe5-b356-4451-a3c9-ae2a90685cc0' });
		expect(payload).toEqual({
			sub: '60f8fbe5-b356-4451-a3c9-ae2a90685cc0', iss: 'cdp', aud: ['cdp_service'], nbf: NOW, exp: NOW + 120,
			uris: ['POST api.cdp.coinbase.com/platform/v2/evm/accounts'],
		});
	});
});

describe('Ghost Admin API', () => {
	// https://docs.ghost.org/admin-api/#token-authentication: split the key at ":", hex-decode the
	// secret, header {alg HS256, kid: id, typ JWT}, payload {iat, exp at most 5 minutes on, aud "/admin/"}.
	const id = '6748592f4b9b7700010f6564';
	const secretHex = 'b1b5b9c1d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1';

	it('the token is byte for byte what jose signs from the documented header and payload', async () => {
		const jwt = jwtOf({ preset: 'ghostAdmin', privateKeyFile: `${id}:${secretHex}` });
		const expected = await new SignJWT({ aud: '/admin/', iat: NOW, exp: NOW + 300 })
			.setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: id })
			.sign(Buffer.from(secretHex, 'hex'));
		expect(jwt).toBe(expected);
	});
});

describe('Google self-signed JWT', () => {
	// https://developers.google.com/identity/protocols/oauth2/service-account#jwt-auth: header
	// {alg RS256, typ JWT, kid: private_key_id}; payload {iss = sub = client_email, aud: the API, iat, exp}.
	it('from the service-account key file: byte for byte what jose signs (RS256 is deterministic)', async () => {
		const file = JSON.stringify({
			type: 'service_account',
			private_key_id: '3f1c0d2b9e',
			private_key: rsaKey.pkcs8,
			client_email: 'robot@example-project.iam.gserviceaccount.com',
		});
		const jwt = jwtOf({ preset: 'googleServiceAccount', privateKeyFile: file, audience: 'https://pubsub.googleapis.com/' });
		const expected = await new SignJWT({
			iss: 'robot@example-project.iam.gserviceaccount.com',
			sub: 'robot@example-project.iam.gserviceaccount.com',
			aud: 'https://pubsub.googleapis.com/',
			iat: NOW,
			exp: NOW + 3600,
		})
			.setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: '3f1c0d2b9e' })
			.sign(createPrivateKey(rsaKey.pkcs8));
		expect(jwt).toBe(expected);
		await jwtVerify(jwt, createPublicKey(rsaKey.publicPem), at);
	});
});

describe('Atlassian Connect', () => {
	// https://developer.atlassian.com/cloud/jira/platform/understanding-jwt-for-connect-apps/: HS256 with the
	// installation's sharedSecret, iss = the app key, iat, exp, qsh; "Authorization: JWT <token>".
	// Checked with Atlassian's own library (atlassian-jwt): its decodeSymmetric verifies, its createQueryStringHash gives the qsh.
	const sharedSecret = 'Zq3tK9vX2mB7nR4wY8pL1sD6fG0hJ5cA-shared-secret-of-the-installation';
	const installation = JSON.stringify({ key: 'com.example.my-app', clientKey: 'a1b2c3', sharedSecret, baseUrl: 'https://example.atlassian.net/wiki', productType: 'confluence' });
	const request = { method: 'GET', host: 'example.atlassian.net', path: '/wiki/rest/api/content', query: 'spaceKey=DEV&expand=body.storage&expand=version' };

	it('the installation payload as Key File: verified by atlassian-jwt, qsh of the request relative to /wiki', () => {
		const jwt = jwtOf({ preset: 'atlassianConnect', privateKeyFile: installation }, request);
		const payload = decodeSymmetric(jwt, sharedSecret, SymmetricAlgorithm.HS256);
		const qsh = createQueryStringHash(fromMethodAndUrl('GET', 'https://example.atlassian.net/wiki/rest/api/content?spaceKey=DEV&expand=body.storage&expand=version'), false, 'https://example.atlassian.net/wiki');
		expect(payload).toEqual({ iss: 'com.example.my-app', iat: NOW, exp: NOW + 180, qsh });
		expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'HS256', typ: 'JWT' });
	});

	it('a new JWT for each request: another query, another qsh', () => {
		const first = decodeSymmetric(jwtOf({ preset: 'atlassianConnect', privateKeyFile: installation }, request), sharedSecret, SymmetricAlgorithm.HS256);
		const second = decodeSymmetric(jwtOf({ preset: 'atlassianConnect', privateKeyFile: installation }, { ...request, query: 'spaceKey=OPS' }), sharedSecret, SymmetricAlgorithm.HS256);
		expect(second.qsh).not.toBe(first.qsh);
		expect(readSelfSignedSettings({ preset: 'atlassianConnect', privateKeyFile: installation }).placement).toEqual({ sendAs: 'header', headerName: 'Authorization', prefix: 'JWT ' });
	});
});

describe('no preset', () => {
	it('the fields as typed, a new jti per JWT for servers that refuse replays', async () => {
		const fields = { signingAlgorithm: 'HS384', secret: 's'.repeat(48), issuer: 'n8n', subject: 'robot', audience: 'https://api.example', extraClaims: '{"tenant": 7}' };
		const { payload } = await jwtVerify(jwtOf(fields), Buffer.from('s'.repeat(48)), at);
		expect(payload).toEqual({ tenant: 7, iss: 'n8n', sub: 'robot', aud: 'https://api.example', iat: NOW, exp: NOW + 300, jti: expect.stringMatching(/^[0-9a-f-]{36}$/) });
		const again = await jwtVerify(jwtOf(fields), Buffer.from('s'.repeat(48)), at);
		expect(again.payload.jti).not.toBe(payload.jti);
	});
});

/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
import { generateKeyPairSync } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

import { readSelfSignedSettings } from '../../../credentials/common/self-signed/settings';
import { encryptedPkcs8, p256Key, p384Key, rsaKey } from '../assertion/test-keys';

const SECRET_32 = 'a-shared-secret-of-32-bytes-long';
const GHOST_KEY = `6748592f4b9b7700010f6564:${'ab'.repeat(32)}`;

function messageOf(fields: Record<string, unknown>): string {
	try {
		readSelfSignedSettings(fields as IDataObject);
	} catch (error) {
		expect(error).toMatchObject({ name: 'TokenAuthError', reason: 'SETTINGS_INVALID' });
		return String((error as Error).message);
	}
	throw new Error('expected the settings to be refused');
}

describe('readSelfSignedSettings', () => {
	it('custom HS256: the Secret as bytes, kid from Key ID, Bearer in the Authorization header, a new JWT per request', () => {
		const settings = readSelfSignedSettings({ signingAlgorithm: 'HS256', secret: SECRET_32, keyId: 'k1', issuer: 'me' });
		expect(settings.key).toEqual({ algorithm: 'HS256', secret: Buffer.from(SECRET_32), keyId: 'k1' });
		expect(settings.placement).toEqual({ sendAs: 'header', headerName: 'Authorization', prefix: 'Bearer ' });
		expect([settings.reuse, settings.lifetimeSeconds, settings.claimInput.binding]).toEqual([false, 300, 'none']);
	});

	it('App Store Connect: ES256 from the .p8 in Key File, 20 minutes, reusable', () => {
		const settings = readSelfSignedSettings({ preset: 'appStoreConnect', privateKeyFile: p256Key.pkcs8, keyId: '2X9R4HXF34', issuer: 'i-1', jwtReuse: 'reuseUntilExpiry' });
		expect(settings.key.algorithm).toBe('ES256');
		expect([settings.lifetimeSeconds, settings.reuse]).toEqual([1200, true]);
	});

	it('Coinbase: ES256 for an EC key, EdDSA for an Ed25519 key, each bound with uri by default', () => {
		const ec = readSelfSignedSettings({ preset: 'coinbase', privateKeyFile: JSON.stringify({ name: 'organizations/o/apiKeys/k', privateKey: p256Key.traditional }) });
		expect([ec.key.algorithm, ec.claimInput.keyId, ec.claimInput.binding, ec.lifetimeSeconds]).toEqual(['ES256', 'organizations/o/apiKeys/k', 'uri', 120]);
		const { d, x } = generateKeyPairSync('ed25519').privateKey.export({ format: 'jwk' });
		const raw = Buffer.concat([Buffer.from(d as string, 'base64url'), Buffer.from(x as string, 'base64url')]).toString('base64');
		const ed = readSelfSignedSettings({ preset: 'coinbase', privateKeyFile: JSON.stringify({ id: 'uuid-1', privateKey: raw }), bindToRequest: 'uris' });
		expect([ed.key.algorithm, ed.claimInput.binding]).toEqual(['EdDSA', 'uris']);
	});

	it('Ghost: HS256 with the hex-decoded secret, kid = id, "Ghost " prefix', () => {
		const settings = readSelfSignedSettings({ preset: 'ghostAdmin', privateKeyFile: GHOST_KEY });
		expect(settings.key).toEqual({ algorithm: 'HS256', secret: Buffer.from('ab'.repeat(32), 'hex'), keyId: '6748592f4b9b7700010f6564' });
		expect(settings.placement).toEqual({ sendAs: 'header', headerName: 'Authorization', prefix: 'Ghost ' });
	});

	it('a field the user filled wins over the key file', () => {
		const file = JSON.stringify({ type: 'service_account', private_key: rsaKey.pkcs8, private_key_id: 'from-file', client_email: 'robot@p.iam.gserviceaccount.com' });
		const settings = readSelfSignedSettings({ preset: 'googleServiceAccount', privateKeyFile: file, keyId: 'typed', audience: 'https://pubsub.googleapis.com/' });
		expect([settings.claimInput.keyId, settings.claimInput.issuer]).toEqual(['typed', 'robot@p.iam.gserviceaccount.com']);
	});

	it('another header and the query parameter as placements; a typed prefix gets its space', () => {
		expect(readSelfSignedSettings({ signingAlgorithm: 'HS256', secret: SECRET_32, sendAs: 'header', headerName: 'X-Proof' }).placement).toEqual({ sendAs: 'header', headerName: 'X-Proof', prefix: '' });
		expect(readSelfSignedSettings({ signingAlgorithm: 'HS256', secret: SECRET_32, sendAs: 'query', queryParameterName: 'jwt' }).placement).toEqual({ sendAs: 'query', parameterName: 'jwt' });
		expect(readSelfSignedSettings({ signingAlgorithm: 'HS256', secret: SECRET_32, headerPrefix: 'JWT' }).placement).toMatchObject({ prefix: 'JWT ' });
	});

	it('the digest differs for another secret and is not the secret', () => {
		const one = readSelfSignedSettings({ signingAlgorithm: 'HS256', secret: SECRET_32 });
		const two = readSelfSignedSettings({ signingAlgorithm: 'HS256', secret: `${SECRET_32}!` });
		expect(one.digest).not.toBe(two.digest);
		expect(one.digest).toMatch(/^[0-9a-f]{64}$/);
	});

	const ed25519Pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
	it.each([
		['a key that does not fit the algorithm', { signingAlgorithm: 'ES384', privateKey: p256Key.pkcs8 }, 'ES384 needs an EC key on curve P-384, but the Private Key is an EC key on P-256'],
		['an RSA key for EdDSA', { signingAlgorithm: 'EdDSA', privateKey: rsaKey.pkcs8 }, 'EdDSA needs an Ed25519 key, but the Private Key is an RSA key'],
		['an Ed25519 key for RS256', { signingAlgorithm: 'RS256', privateKey: ed25519Pem }, 'RS256 needs an RSA key, but the Private Key is an Ed25519 key'],
		['an encrypted PEM', { signingAlgorithm: 'RS256', privateKey: encryptedPkcs8 }, 'Private Key is encrypted with a passphrase'],
		['an HMAC secret too short for HS512', { signingAlgorithm: 'HS512', secret: SECRET_32 }, 'Secret is 32 bytes long; HS512 needs at least 64 bytes'],
		['an empty Secret', { signingAlgorithm: 'HS256' }, 'Secret is empty'],
		['claims that are not a JSON object', { signingAlgorithm: 'HS256', secret: SECRET_32, extraClaims: '["a"]' }, 'Extra Claims must be a JSON object'],
		['claims that are not JSON', { signingAlgorithm: 'HS256', secret: SECRET_32, extraClaims: '{scope: 1' }, 'Extra Claims is not valid JSON'],
		['claims the fields set', { signingAlgorithm: 'HS256', secret: SECRET_32, extraClaims: '{"exp": 1, "uri": "x"}' }, 'Extra Claims may not set "exp", "uri"'],
		['header fields the credential sets', { signingAlgorithm: 'HS256', secret: SECRET_32, extraHeaderFields: '{"alg": "none"}' }, 'Extra Header Fields may not set "alg"'],
		['App Store Connect without Key ID and Issuer', { preset: 'appStoreConnect', privateKeyFile: p256Key.pkcs8 }, 'App Store Connect needs Key ID (the 10 characters of AuthKey_<Key ID>.p8) and Issuer'],
		['App Store Connect with a P-384 key', { preset: 'appStoreConnect', privateKey: p384Key.pkcs8, keyId: 'K', issuer: 'I' }, 'ES256 needs an EC key on curve P-256'],
		['App Store Connect over 20 minutes', { preset: 'appStoreConnect', privateKey: p256Key.pkcs8, keyId: 'K', issuer: 'I', lifetime: 1201 }, 'Lifetime must be a whole number of seconds from 1 to 1200 for App Store Connect'],
		['Google without Audience', { preset: 'googleServiceAccount', privateKey: rsaKey.pkcs8, issuer: 'robot@x' }, 'Google self-signed JWT needs Audience'],
		['Ghost without its key', { preset: 'ghostAdmin' }, 'Ghost Admin API needs Key File (the Admin API key, id:secret)'],
		['Ghost with a short secret', { preset: 'ghostAdmin', privateKeyFile: '6748592f4b9b7700010f6564:abcd' }, "The Admin API key's secret is 2 bytes long; HS256 needs at least 32 bytes"],
		['the key file of another provider', { preset: 'ghostAdmin', privateKeyFile: p256Key.pkcs8 }, 'Key File holds a PEM private key, but the Preset is Ghost Admin API, which reads a Ghost Admin API key'],
		['a malformed key file', { preset: 'googleServiceAccount', privateKeyFile: '{"type": "service_account"', audience: 'a' }, 'Key File starts like JSON but is not a JSON object'],
		['Coinbase unbound', { preset: 'coinbase', privateKey: p256Key.pkcs8, keyId: 'k', bindToRequest: 'none' }, 'Bind To Request: Coinbase Developer Platform needs each JWT bound to its request'],
		['Coinbase reused', { preset: 'coinbase', privateKey: p256Key.pkcs8, keyId: 'k', jwtReuse: 'reuseUntilExpiry' }, 'JWT Reuse: Coinbase Developer Platform wants a new JWT for every request'],
		['a bound JWT reused', { signingAlgorithm: 'HS256', secret: SECRET_32, bindToRequest: 'uri', jwtReuse: 'reuseUntilExpiry' }, 'JWT Reuse cannot reuse a JWT bound to its request'],
		['an unknown preset', { preset: 'atlassian' }, 'Preset must be one of custom, appStoreConnect, coinbase, ghostAdmin, googleServiceAccount, atlassianConnect, not atlassian'],
		['Atlassian Connect without its installation payload', { preset: 'atlassianConnect', issuer: 'my-app' }, 'Atlassian Connect needs Key File (the installation payload JSON, with key, sharedSecret and baseUrl)'],
		['Atlassian Connect, a payload without sharedSecret', { preset: 'atlassianConnect', privateKeyFile: '{"key": "my-app", "clientKey": "c"}' }, 'Key File is an Atlassian Connect installation payload without sharedSecret'],
		['Atlassian Connect, a short sharedSecret', { preset: 'atlassianConnect', privateKeyFile: '{"key": "my-app", "sharedSecret": "abcd"}' }, "The installation's sharedSecret is 4 bytes long; HS256 needs at least 32 bytes"],
		['Atlassian Connect, a baseUrl that is no URL', { preset: 'atlassianConnect', privateKeyFile: `{"key": "a", "sharedSecret": "${'ab'.repeat(32)}", "baseUrl": "wiki"}` }, "the installation payload's baseUrl is not a URL"],
		['Atlassian Connect unbound', { preset: 'atlassianConnect', privateKeyFile: `{"key": "a", "sharedSecret": "${'ab'.repeat(32)}"}`, bindToRequest: 'none' }, 'Bind To Request: Atlassian Connect needs each JWT bound to its request'],
		['Atlassian Connect with a PEM key', { preset: 'atlassianConnect', privateKeyFile: p256Key.pkcs8 }, 'Key File holds a PEM private key, but the Preset is Atlassian Connect, which reads an Atlassian Connect installation payload'],
		['an empty query parameter name', { signingAlgorithm: 'HS256', secret: SECRET_32, sendAs: 'query', queryParameterName: ' ' }, 'Query Parameter Name is empty'],
	])('refuses %s before anything is sent, without the secret', (_name, fields, message) => {
		const text = messageOf(fields);
		expect(text).toContain(message);
		for (const secret of [SECRET_32, p256Key.pkcs8.split('\n')[1], rsaKey.pkcs8.split('\n')[1], 'ab'.repeat(32)]) expect(text).not.toContain(secret);
	});
});

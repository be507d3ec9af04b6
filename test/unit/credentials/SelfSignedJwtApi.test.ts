/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
import { readFileSync } from 'fs';

import { SelfSignedJwtApi } from '../../../credentials/SelfSignedJwtApi.credentials';

/** The public contract of the Self-Signed JWT API: names, labels and option values never change once landed. */
describe('Self-Signed JWT API declaration', () => {
	const type = new SelfSignedJwtApi();
	const option = (name: string) => (type.properties.find((p) => p.name === name)?.options as Array<{ value: string }>).map((o) => o.value);

	it('names, labels and option values', () => {
		expect([type.name, type.displayName]).toEqual(['selfSignedJwtApi', 'Self-Signed JWT API']);
		expect(type.properties.map((p) => [p.name, p.displayName])).toEqual([
			['preset', 'Preset'], ['privateKeyFile', 'Key File'], ['signingAlgorithm', 'Signing Algorithm'], ['secret', 'Secret'],
			['privateKey', 'Private Key'], ['keyId', 'Key ID'], ['issuer', 'Issuer'], ['subject', 'Subject'], ['audience', 'Audience'],
			['lifetime', 'Lifetime'], ['extraClaims', 'Extra Claims'], ['extraHeaderFields', 'Extra Header Fields'], ['bindToRequest', 'Bind To Request'],
			['jwtReuse', 'JWT Reuse'], ['sendAs', 'Send Token As'], ['headerPrefix', 'Token Prefix'], ['headerName', 'Header Name'],
			['queryParameterName', 'Query Parameter Name'], ['testUrl', 'Test URL'],
		]);
		expect(option('preset')).toEqual(['custom', 'appStoreConnect', 'atlassianConnect', 'coinbase', 'ghostAdmin', 'googleServiceAccount']);
		expect(option('signingAlgorithm')).toEqual(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384', 'EdDSA']);
		expect(option('bindToRequest')).toEqual(['presetDefault', 'none', 'uri', 'uris', 'qsh']);
		expect(option('jwtReuse')).toEqual(['newPerRequest', 'reuseUntilExpiry']);
		expect(option('sendAs')).toEqual(['authorizationHeader', 'header', 'query']);
	});

	it('has no expirable field (no preAuthentication: it runs on Engine 2.0) and signs inside authenticate', () => {
		expect(type.properties.some((p) => p.typeOptions?.expirable)).toBe(false);
		expect('preAuthentication' in type).toBe(false);
		expect(typeof type.authenticate).toBe('function');
	});

	it('keeps the secret, the private key and the key file password-typed', () => {
		for (const name of ['secret', 'privateKey', 'privateKeyFile']) {
			expect(type.properties.find((p) => p.name === name)?.typeOptions?.password).toBe(true);
		}
	});

	it('tests with a GET to the Test URL, documented in the README, registered in package.json', () => {
		expect(type.test.request).toEqual({ url: '={{$credentials.testUrl}}', method: 'GET' });
		expect(type.documentationUrl).toBe('https://www.npmjs.com/package/n8n-nodes-token-auth#self-signed-jwt-api');
		const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { n8n: { credentials: string[] } };
		expect(pkg.n8n.credentials).toContain('dist/credentials/SelfSignedJwtApi.credentials.js');
	});
});

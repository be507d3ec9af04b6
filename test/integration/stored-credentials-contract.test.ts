/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// The public contract, enforced: credentials exactly as version 0.1.0 stored them
// (fixtures/stored-by-0.1.0.json: every type, the token engine's hidden fields filled, the
// fingerprint 0.1.0 computed) are read and used by today's code. The held tokens are still valid,
// so today's code must send them as 0.1.0 did, without a login: the token URLs point at a closed
// port, and a login attempt would fail the request. A change that moves a field's name or meaning,
// or the fingerprint of unchanged settings, fails here and needs a migration this test covers.
// Generated once from 0.1.0's code; never regenerate it (it is the record of what users have stored).
import { readFileSync } from 'fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import type { AddressInfo } from 'net';
import { join } from 'path';
import type { ICredentialDataDecryptedObject, ICredentialType } from 'n8n-workflow';
import { BasicTechOAuth2Api } from '../../credentials/BasicTechOAuth2Api.credentials';
import { BasicToBearerApi } from '../../credentials/BasicToBearerApi.credentials';
import { BearerTokenApi } from '../../credentials/BearerTokenApi.credentials';
import { ClientCredentialsOAuth2Api } from '../../credentials/ClientCredentialsOAuth2Api.credentials';
import { JwtBearerOAuth2Api } from '../../credentials/JwtBearerOAuth2Api.credentials';
import { PasswordGrantOAuth2Api } from '../../credentials/PasswordGrantOAuth2Api.credentials';
import { TokenLoginApi } from '../../credentials/TokenLoginApi.credentials';
import { resolveBaseUrl } from '../../nodes/BasicTech/base-url';
import { n8nRequester, StoredCredential, withDefaults } from './support/n8n-request-harness';

interface StoredFixture {
	type: string;
	data: ICredentialDataDecryptedObject;
}

const types: Record<string, ICredentialType> = Object.fromEntries(
	[BasicToBearerApi, PasswordGrantOAuth2Api, TokenLoginApi, ClientCredentialsOAuth2Api, JwtBearerOAuth2Api, BearerTokenApi, BasicTechOAuth2Api].map((Type) => {
		const type = new Type();
		return [type.name, type];
	}),
);
const fixtures = JSON.parse(readFileSync(join(__dirname, 'fixtures/stored-by-0.1.0.json'), 'utf8')) as StoredFixture[];
const exchanging = fixtures.filter((fixture) => 'fingerprint' in fixture.data);

/** The header each type sent 0.1.0's stored token in. */
const expectedHeader: Record<string, [string, string]> = {
	basicToBearerApi: ['authorization', 'Bearer stored-by-0.1.0-access-basicToBearerApi'],
	passwordGrantOAuth2Api: ['authorization', 'Bearer stored-by-0.1.0-access-passwordGrantOAuth2Api'],
	tokenLoginApi: ['x-session', 'Session stored-by-0.1.0-access-tokenLoginApi'],
	clientCredentialsOAuth2Api: ['authorization', 'Bearer stored-by-0.1.0-access-clientCredentialsOAuth2Api'],
	jwtBearerOAuth2Api: ['authorization', 'Bearer stored-by-0.1.0-access-jwtBearerOAuth2Api'],
	bearerTokenApi: ['authorization', 'Bearer stored-by-0.1.0-static-token'],
};

describe('credentials as 0.1.0 stored them, used by today\'s code', () => {
	let api: Server;
	let apiUrl: string;
	const seen: IncomingHttpHeaders[] = [];

	beforeAll(async () => {
		api = createServer((req, res) => {
			seen.push(req.headers);
			res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
		await new Promise<void>((listening) => api.listen(0, '127.0.0.1', listening));
		apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/api`;
	});
	afterAll(async () => await new Promise((closed) => api.close(closed)));
	beforeEach(() => (seen.length = 0));

	it('holds every credential type, and every exchanging type with all six hidden token fields filled', () => {
		expect(fixtures.map((fixture) => fixture.type).sort()).toEqual(Object.keys(types).sort());
		for (const fixture of exchanging) {
			expect(Object.keys(fixture.data)).toEqual(expect.arrayContaining(['sessionToken', 'accessToken', 'refreshToken', 'expiresAt', 'obtainedAt', 'fingerprint']));
			expect(fixture.data.accessToken).not.toBe('');
		}
	});

	it.each(fixtures.map((fixture) => [fixture.type, fixture] as const))('%s: every stored field is still declared, so n8n keeps it on load', (typeName, fixture) => {
		const declared = types[typeName].properties.map((property) => property.name);
		expect(Object.keys(fixture.data).filter((field) => !declared.includes(field))).toEqual([]);
	});

	it.each(exchanging.map((fixture) => [fixture.type, fixture] as const))('%s: the stored token is sent as 0.1.0 sent it, with no login and nothing saved', async (typeName, fixture) => {
		const credential = new StoredCredential(withDefaults(types[typeName], fixture.data));
		expect(await n8nRequester(types[typeName], credential).legacyRequest({ uri: apiUrl })).toEqual({ ok: true });
		const [header, value] = expectedHeader[typeName];
		expect(seen.map((headers) => headers[header])).toEqual([value]);
		expect(credential.writes).toBe(0);
		expect(credential.read()).toEqual(withDefaults(types[typeName], fixture.data));
	});

	it('bearerTokenApi: the stored token is sent as 0.1.0 sent it', async () => {
		const fixture = fixtures.find((entry) => entry.type === 'bearerTokenApi')!;
		const credential = new StoredCredential(withDefaults(types.bearerTokenApi, fixture.data));
		expect(await n8nRequester(types.bearerTokenApi, credential).legacyRequest({ uri: apiUrl })).toEqual({ ok: true });
		expect(seen.map((headers) => headers.authorization)).toEqual([expectedHeader.bearerTokenApi[1]]);
	});

	it('basicTechOAuth2Api: the stored server and base URL still choose the same API', () => {
		const fixture = fixtures.find((entry) => entry.type === 'basicTechOAuth2Api')!;
		expect(resolveBaseUrl(fixture.data.server, fixture.data.baseUrl)).toBe('http://127.0.0.1:9');
	});
});

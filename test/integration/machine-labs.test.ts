/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, not shipped: linted by eslint.tests.config.mjs */
// The machine-to-machine labs (test/servers/oidc-lab.ts, test/servers/jwt-bearer-lab.ts) refuse
// what the package's tests rely on them to refuse. Requests here are made by hand with jose, not by
// the package, so that a package test passing against a lab means the package did the right thing.
import { randomUUID, createSecretKey } from 'crypto';
import { importPKCS8, SignJWT } from 'jose';
import { JWT_BEARER_GRANT, startJwtBearerLab, type JwtBearerLab } from '../servers/jwt-bearer-lab';
import { startOidcLab, type OidcLab } from '../servers/oidc-lab';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

async function post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
		body: new URLSearchParams(form),
	});
	return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function signed(pem: string, alg: string, claims: Record<string, unknown>, kid?: string): Promise<string> {
	const key = alg.startsWith('HS') ? createSecretKey(Buffer.from(pem)) : await importPKCS8(pem, alg);
	const now = Math.floor(Date.now() / 1000);
	return await new SignJWT({ jti: randomUUID(), iat: now, exp: now + 300, ...claims }).setProtectedHeader({ alg, kid }).sign(key);
}

describe('oidc lab (oidc-provider): client credentials', () => {
	let lab: OidcLab;
	beforeAll(async () => (lab = await startOidcLab()));
	afterAll(async () => await lab.close());
	beforeEach(() => lab.resetCounts());

	const assertionFor = async (clientId: string, pem: string, alg: string, kid?: string) =>
		await signed(pem, alg, { iss: clientId, sub: clientId, aud: lab.tokenUrl }, kid);

	it('issues a token to client_secret_basic that the API accepts, and records the call', async () => {
		const { clientId, clientSecret } = lab.clients.basic;
		const basic = Buffer.from(`${clientId}:${clientSecret}`).toString('base64');
		const answer = await post(lab.tokenUrl, { grant_type: 'client_credentials', scope: 'read' }, { authorization: `Basic ${basic}` });
		expect(answer.status).toBe(200);
		expect(answer.body.scope).toBe('read');
		const api = await fetch(lab.apiUrl, { headers: { authorization: `Bearer ${String(answer.body.access_token)}` } });
		expect(api.status).toBe(200);
		expect(lab.counts).toEqual(expect.objectContaining({ tokenCalls: 1, tokensIssued: 1, apiAccepted: 1 }));
		expect(lab.tokenCalls[0]).toEqual(expect.objectContaining({ authMethod: 'client_secret_basic', clientId, tokenAudience: lab.defaultAudience }));
	});

	it('refuses a wrong client_secret_post secret', async () => {
		const answer = await post(lab.tokenUrl, { grant_type: 'client_credentials', client_id: lab.clients.post.clientId, client_secret: 'wrong' });
		expect(answer.status).toBe(401);
		expect(answer.body.error).toBe('invalid_client');
		expect(lab.tokenCalls[0]).toEqual(expect.objectContaining({ authMethod: 'client_secret_post', error: 'invalid_client' }));
	});

	it.each([
		['rsa', 'RS256'],
		['rsa', 'PS256'],
		['rsa', 'RS512'],
		['ec256', 'ES256'],
		['ec384', 'ES384'],
	] as const)('accepts private_key_jwt from the %s client signed with %s', async (name, alg) => {
		const client = lab.clients[name];
		const assertion = await assertionFor(client.clientId, client.privateKeyPem, alg, client.kid);
		const answer = await post(lab.tokenUrl, { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion });
		expect(answer.status).toBe(200);
		expect(lab.tokenCalls[0].authMethod).toBe('private_key_jwt');
		expect(lab.tokenCalls[0].assertion?.header.alg).toBe(alg);
	});

	it('refuses a replayed private_key_jwt assertion', async () => {
		const { clientId, privateKeyPem } = lab.clients.rsa;
		const assertion = await assertionFor(clientId, privateKeyPem, 'RS256');
		const form = { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion };
		expect((await post(lab.tokenUrl, form)).status).toBe(200);
		const again = await post(lab.tokenUrl, form);
		expect(again.status).toBe(401);
		expect(again.body.error).toBe('invalid_client');
	});

	it('refuses an assertion signed with another key, and one for another audience', async () => {
		const other = lab.clients.ec256;
		const wrongKey = await assertionFor(lab.clients.rsa.clientId, lab.clients.ec384.privateKeyPem, 'ES384');
		const wrongAud = await signed(other.privateKeyPem, 'ES256', { iss: other.clientId, sub: other.clientId, aud: 'https://elsewhere.test/token' });
		for (const assertion of [wrongKey, wrongAud]) {
			const answer = await post(lab.tokenUrl, { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion });
			expect(answer.status).toBe(401);
		}
		expect(lab.counts.tokensIssued).toBe(0);
	});

	it('accepts client_secret_jwt (HS256) and an Auth0-style audience that becomes the token audience', async () => {
		const { clientId, clientSecret } = lab.clients.secretJwt;
		const assertion = await assertionFor(clientId, clientSecret, 'HS256');
		const answer = await post(lab.tokenUrl, {
			grant_type: 'client_credentials',
			audience: 'https://api.example.com',
			client_assertion_type: ASSERTION_TYPE,
			client_assertion: assertion,
		});
		expect(answer.status).toBe(200);
		await fetch(lab.apiUrl, { headers: { authorization: `Bearer ${String(answer.body.access_token)}` } });
		expect(lab.tokenCalls[0]).toEqual(expect.objectContaining({ authMethod: 'client_secret_jwt', tokenAudience: 'https://api.example.com' }));
		expect(lab.tokenCalls[0].form.audience).toBe('https://api.example.com');
		expect(lab.apiAudiences).toEqual(['https://api.example.com']);
	});

	it('revokeAllTokens makes the API refuse tokens issued so far, not later ones', async () => {
		const { clientId, clientSecret } = lab.clients.post;
		const grant = async () => String((await post(lab.tokenUrl, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })).body.access_token);
		const old = await grant();
		lab.revokeAllTokens();
		const fresh = await grant();
		const statusWith = async (token: string) => (await fetch(lab.apiUrl, { headers: { authorization: `Bearer ${token}` } })).status;
		expect([await statusWith(old), await statusWith(fresh)]).toEqual([401, 200]);
	});

	it('refuses an unknown audience with invalid_target', async () => {
		const { clientId, clientSecret } = lab.clients.post;
		const answer = await post(lab.tokenUrl, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, resource: 'https://unknown.test' });
		expect(answer.status).toBe(400);
		expect(answer.body.error).toBe('invalid_target');
	});

	it('the API answers an expired token with the expired status and counts it', async () => {
		lab.set({ lifetimeSeconds: 1, expiredStatus: 403 });
		const { clientId, clientSecret } = lab.clients.post;
		const answer = await post(lab.tokenUrl, { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
		expect(answer.body.expires_in).toBe(1);
		await new Promise((r) => setTimeout(r, 2100));
		const api = await fetch(lab.apiUrl, { headers: { authorization: `Bearer ${String(answer.body.access_token)}` } });
		lab.set({ lifetimeSeconds: 3600, expiredStatus: 401 });
		expect(api.status).toBe(403);
		expect(lab.counts.apiExpiredSeen).toBe(1);
	});
});

describe('JWT Bearer lab (oauth2-server + jose): RFC 7523 section 2.1', () => {
	let lab: JwtBearerLab;
	beforeAll(async () => (lab = await startJwtBearerLab({ lifetimeSeconds: 60 })));
	afterAll(async () => await lab.close());
	beforeEach(() => lab.resetCounts());

	const grantAssertion = async (claims: Record<string, unknown> = {}, alg = 'RS256', pem = lab.keys.rsa.privateKeyPem) =>
		await signed(pem, alg, { iss: lab.settings.issuer, sub: 'alice@example.com', aud: lab.tokenUrl, ...claims });

	it('issues a token for a valid assertion without client authentication; the API sees the subject', async () => {
		const answer = await post(lab.tokenUrl, { grant_type: JWT_BEARER_GRANT, assertion: await grantAssertion() });
		expect(answer.status).toBe(200);
		// oauth2-server counts expires_in down from the moment it stored the token, in whole seconds.
		expect([59, 60]).toContain(answer.body.expires_in);
		const api = await fetch(lab.apiUrl, { headers: { authorization: `Bearer ${String(answer.body.access_token)}` } });
		expect(api.status).toBe(200);
		expect(lab.apiSubjects).toEqual(['alice@example.com']);
		expect(lab.tokenCalls[0]).toEqual(expect.objectContaining({ authMethod: 'none', status: 200 }));
	});

	it('answers 20 parallel requests without client authentication, each with its own assertion', async () => {
		const answers = await Promise.all(Array.from({ length: 20 }, async () => await post(lab.tokenUrl, { grant_type: JWT_BEARER_GRANT, assertion: await grantAssertion() })));
		expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
	});

	it.each(['ES256', 'ES384'])('accepts %s assertions', async (alg) => {
		const pem = alg === 'ES256' ? lab.keys.ec256.privateKeyPem : lab.keys.ec384.privateKeyPem;
		const answer = await post(lab.tokenUrl, { grant_type: JWT_BEARER_GRANT, assertion: await grantAssertion({}, alg, pem) });
		expect(answer.body).toEqual(expect.objectContaining({ token_type: 'Bearer' }));
	});

	it('refuses a replayed jti, a wrong issuer, a wrong audience, an unknown subject, an expired assertion and a foreign key', async () => {
		const now = Math.floor(Date.now() / 1000);
		const replayed = await grantAssertion();
		expect((await post(lab.tokenUrl, { grant_type: JWT_BEARER_GRANT, assertion: replayed })).status).toBe(200);
		const bad = [
			replayed,
			await grantAssertion({ iss: 'someone-else' }),
			await grantAssertion({ aud: 'https://elsewhere.test' }),
			await grantAssertion({ sub: 'mallory@example.com' }),
			await grantAssertion({ iat: now - 600, exp: now - 300 }),
			await grantAssertion({}, 'RS256', lab.clientKey.privateKeyPem),
		];
		for (const assertion of bad) {
			const answer = await post(lab.tokenUrl, { grant_type: JWT_BEARER_GRANT, assertion });
			expect(answer.status).toBe(400);
			expect(answer.body.error).toBe('invalid_grant');
		}
		expect(lab.counts.replaysRefused).toBe(1);
		expect(lab.counts.tokensIssued).toBe(1);
	});

	it('checks client authentication when the request carries one', async () => {
		const { clientId, clientSecret } = lab.settings;
		const basic = (secret: string) => `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;
		const good = await post(lab.tokenUrl, { grant_type: JWT_BEARER_GRANT, assertion: await grantAssertion() }, { authorization: basic(clientSecret) });
		const wrong = await post(lab.tokenUrl, { grant_type: JWT_BEARER_GRANT, assertion: await grantAssertion() }, { authorization: basic('wrong') });
		const keyJwt = await signed(lab.clientKey.privateKeyPem, 'RS256', { iss: clientId, sub: clientId, aud: lab.tokenUrl });
		const withKey = await post(lab.tokenUrl, {
			grant_type: JWT_BEARER_GRANT,
			assertion: await grantAssertion(),
			client_assertion_type: ASSERTION_TYPE,
			client_assertion: keyJwt,
		});
		expect([good.status, wrong.status, withKey.status]).toEqual([200, 401, 200]);
		expect(lab.tokenCalls.map((call) => call.authMethod)).toEqual(['client_secret_basic', 'client_secret_basic', 'private_key_jwt']);
	});
});

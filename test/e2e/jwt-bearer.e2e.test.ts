// OAuth2 JWT Bearer API in real n8n: HTTP Request node, predefined credential type, against the JWT
// Bearer lab (test/servers/jwt-bearer-lab.ts: @node-oauth/oauth2-server with the RFC 7523 grant,
// assertions verified with jose, replayed jti refused). Every count asserted is what the lab saw.
import { JWT_BEARER_GRANT, startJwtBearerLab } from '../servers/jwt-bearer-lab';
import { googleServiceAccountKeyFile } from '../support/key-files';
import { errorText, nodeItems } from './harness/cli';
import { jwtBearerCredential, keyChunks } from './harness/machine-credentials';
import { useN8nSpec } from './harness/spec-setup';
import { flow, HTTP_NODE, itemUrl, type WorkflowFixture } from './harness/workflows';

/** The fields a key file fills, left empty as a user pasting one would leave them. */
const fromKeyFile = { accessTokenUrl: '', issuer: '', subject: '', privateKey: '', keyId: '' };

/** A Google key file of a key the lab does not trust for its issuer. */
const untrustedKeyFile = (lab: Awaited<ReturnType<typeof startJwtBearerLab>>) =>
	googleServiceAccountKeyFile({ privateKeyPem: lab.clientKey.privateKeyPem, keyId: 'untrusted-1', clientEmail: lab.settings.issuer, tokenUri: lab.tokenUrl });

describe('OAuth2 JWT Bearer API in real n8n (oauth2-server + jose)', () => {
	const flows: Record<string, WorkflowFixture> = {};

	const { n8n, lab } = useN8nSpec('jwt-bearer', {
		// A second subject the lab accepts: the renewing credential's settings differ from the grant's,
		// so neither finds a token the other left in the spec's n8n process.
		servers: { lab: async () => await startJwtBearerLab({ subjects: ['alice@example.com', 'bob@example.com'] }) },
		fixtures: ({ lab }) => {
			const creds = {
				grant: jwtBearerCredential(lab),
				es256: jwtBearerCredential(lab, { privateKey: lab.keys.ec256.privateKeyPem, keyId: lab.keys.ec256.kid, signingAlgorithm: 'ES256' }),
				renewing: jwtBearerCredential(lab, { subject: 'bob@example.com' }),
				withSecret: jwtBearerCredential(lab, { clientAuthentication: 'header', clientId: lab.settings.clientId, clientSecret: lab.settings.clientSecret }),
				// A key the lab does not trust for this issuer.
				untrusted: jwtBearerCredential(lab, { privateKey: lab.clientKey.privateKeyPem, keyId: '' }),
				// Token to Use "ID Token" with a Google key file alone: the typed signing fields stay empty.
				idToken: jwtBearerCredential(lab, { ...fromKeyFile, privateKeyFile: lab.googleKeyFile(), tokenToUse: 'id_token', targetAudience: lab.idTokenAudience }),
				untrustedKeyFile: jwtBearerCredential(lab, { ...fromKeyFile, privateKeyFile: untrustedKeyFile(lab), tokenToUse: 'id_token', targetAudience: lab.idTokenAudience }),
			};
			const url = itemUrl(lab.apiUrl);
			flows.grant = flow(creds.grant, url, 100);
			flows.es256 = flow(creds.es256, url);
			// One item a second, so that a 4 s token reaches its renewal margin inside the run.
			flows.renewing = flow(creds.renewing, url, 6, { batching: { batch: { batchSize: 1, batchInterval: 1000 } } });
			flows.withSecret = flow(creds.withSecret, url);
			flows.untrusted = flow(creds.untrusted, url, 5);
			flows.idToken = flow(creds.idToken, url, 3);
			flows.untrustedKeyFile = flow(creds.untrustedKeyFile, url, 2);
			return { credentials: Object.values(creds), workflows: Object.values(flows) };
		},
	});

	beforeEach(() => {
		lab.set({ tokenDelayMs: 0, lifetimeSeconds: 3600 });
		lab.resetCounts();
	});

	it('the JWT Bearer grant: one token call for 100 items, a verified RS256 assertion with iss, sub, aud, jti, exp', async () => {
		lab.set({ tokenDelayMs: 300 });
		const result = await n8n.execute(flows.grant.id);
		expect({ ok: result.ok, error: errorText(result.run) }).toEqual({ ok: true, error: '' });
		expect(nodeItems(result.run, HTTP_NODE)).toHaveLength(100);
		expect(lab.counts.tokenCalls).toBe(1);
		expect(lab.counts.tokensIssued).toBe(1);
		const call = lab.tokenCalls[0];
		expect(call.form.grant_type).toBe(JWT_BEARER_GRANT);
		expect(call.form.scope).toBe('api');
		expect(call.authMethod).toBe('none');
		expect(call.header).toEqual(expect.objectContaining({ alg: 'RS256', kid: lab.keys.rsa.kid }));
		expect(call.claims).toEqual(
			expect.objectContaining({ iss: lab.settings.issuer, sub: 'alice@example.com', aud: lab.tokenUrl, jti: expect.any(String) }),
		);
		const claims = call.claims as { iat: number; exp: number };
		expect(claims.exp - claims.iat).toBeLessThanOrEqual(300);
		expect(lab.counts.apiAccepted).toBe(100);
		expect(new Set(lab.apiSubjects)).toEqual(new Set(['alice@example.com']));
	});

	it('ES256 assertions are accepted', async () => {
		const result = await n8n.execute(flows.es256.id);
		expect({ ok: result.ok, error: errorText(result.run) }).toEqual({ ok: true, error: '' });
		expect(lab.tokenCalls.map((call) => [call.header?.alg, call.status])).toEqual([['ES256', 200]]);
	});

	it('renews before expiry with a fresh assertion each time (the lab refuses a replayed jti; none was refused)', async () => {
		lab.set({ lifetimeSeconds: 4 });
		const result = await n8n.execute(flows.renewing.id);
		expect({ ok: result.ok, error: errorText(result.run) }).toEqual({ ok: true, error: '' });
		expect(lab.counts.apiAccepted).toBe(6);
		expect(lab.counts.apiExpiredSeen).toBe(0);
		expect(lab.counts.tokenCalls).toBeGreaterThanOrEqual(2);
		expect(lab.counts.replaysRefused).toBe(0);
		expect(new Set(lab.apiSubjects)).toEqual(new Set(['bob@example.com']));
		const jtis = lab.tokenCalls.map((call) => call.claims?.jti);
		expect(new Set(jtis).size).toBe(jtis.length);
	});

	it('with Client Authentication "Client Secret in Header" the lab authenticates the client too', async () => {
		const result = await n8n.execute(flows.withSecret.id);
		expect({ ok: result.ok, error: errorText(result.run) }).toEqual({ ok: true, error: '' });
		expect(lab.tokenCalls.map((call) => [call.authMethod, call.status])).toEqual([['client_secret_basic', 200]]);
	});

	it('a key the server does not trust: refused, no API call, and no key material in the message or output', async () => {
		const result = await n8n.execute(flows.untrusted.id);
		expect(result.ok).toBe(false);
		expect(lab.counts.tokenCalls).toBe(1);
		expect(lab.tokenCalls[0]).toEqual(expect.objectContaining({ status: 400, error: 'invalid_grant' }));
		expect(lab.counts.apiCalls).toBe(0);
		const message = errorText(result.run);
		expect(message).toMatch(/refused|invalid_grant/i);
		for (const chunk of keyChunks(lab.clientKey.privateKeyPem)) {
			expect(message).not.toContain(chunk);
			expect(result.stdout + result.stderr).not.toContain(chunk);
		}
		expect(result.stdout + result.stderr).not.toContain(lab.tokenCalls[0].form.assertion);
	});

	it('Token to Use "ID Token" with a Google key file: one ID token for the Target Audience, and the API got it (aud checked)', async () => {
		const result = await n8n.execute(flows.idToken.id);
		expect({ ok: result.ok, error: errorText(result.run) }).toEqual({ ok: true, error: '' });
		expect(lab.tokenCalls.map((call) => [call.status, call.header?.kid, call.claims?.target_audience])).toEqual([[200, lab.keys.rsa.kid, lab.idTokenAudience]]);
		expect(lab.counts.idTokensIssued).toBe(1);
		expect(lab.apiIdTokenAudiences).toEqual([lab.idTokenAudience, lab.idTokenAudience, lab.idTokenAudience]);
		expect(lab.counts.apiAccepted).toBe(3);
		const idToken = lab.apiAuthorizations[0].replace(/^Bearer /, '');
		expect(result.stdout + result.stderr + JSON.stringify(result.run)).not.toContain(idToken);
	});

	it('a key file the server does not trust: refused, and neither its key nor the file in the message or output', async () => {
		const result = await n8n.execute(flows.untrustedKeyFile.id);
		expect(result.ok).toBe(false);
		expect(lab.tokenCalls.map((call) => [call.status, call.error, call.header?.kid])).toEqual([[400, 'invalid_grant', 'untrusted-1']]);
		expect(lab.counts.apiCalls).toBe(0);
		const everything = `${errorText(result.run)}\n${result.stdout}\n${result.stderr}\n${JSON.stringify(result.run)}`;
		expect(errorText(result.run)).toMatch(/refused|invalid_grant/i);
		for (const chunk of keyChunks(lab.clientKey.privateKeyPem)) expect(everything).not.toContain(chunk);
		expect(everything).not.toContain('"type": "service_account"');
		expect(everything).not.toContain(lab.tokenCalls[0].form.assertion);
	});
});

/**
 * AWS Signature V4 (Assume Role) API through n8n-core's own request helpers, against the STS lab:
 * its STS checks the AssumeRole call's signature with AWS's @smithy/signature-v4 and answers STS's
 * XML; its API checks each request's signature with the temporary keys and session token.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import type { AwsSigV4AssumeRoleApi } from '../../credentials/AwsSigV4AssumeRoleApi.credentials';
import { STS_LAB_KEYS, STS_LAB_ROLE, startStsLab, type StsLab } from '../servers/sts-lab';
import { useControlledDate } from '../support/controlled-date';
import { StoredCredential, failureOf, n8nRequester } from './support/n8n-request-harness';
import { inNewProcess } from './support/lab-credentials';

let lab: StsLab;
beforeAll(async () => {
	lab = await startStsLab();
});
afterAll(async () => await lab.close());
beforeEach(() => lab.reset());

const newProcess = () => inNewProcess<AwsSigV4AssumeRoleApi>('AwsSigV4AssumeRoleApi');
const fields = (overrides: Record<string, unknown> = {}) =>
	({
		...STS_LAB_KEYS,
		roleArn: STS_LAB_ROLE,
		externalId: 'lab-external-id',
		sessionName: 'n8n-lab',
		durationSeconds: 900,
		stsEndpoint: lab.stsUrl,
		region: 'eu-west-1',
		service: 'execute-api',
		...overrides,
	}) as ICredentialDataDecryptedObject;
const okVerdicts = () => lab.apiVerdicts.map(({ ok, reason }) => (ok ? 'ok' : reason));

describe('AWS Assume Role on the token engine', () => {
	const time = useControlledDate();

	it('one signed AssumeRole call for concurrent requests, each request signed with the temporary keys', async () => {
		const stored = new StoredCredential(fields());
		const n8n = n8nRequester(newProcess(), stored);
		await Promise.all([
			...Array.from({ length: 4 }, async (_, item) => await n8n.legacyRequest({ uri: `${lab.apiUrl}/items?n=${item}&a=x y` }, item)),
			n8n.httpRequest({ url: `${lab.apiUrl}/things`, method: 'POST', body: { a: 1 }, json: true }),
		]);
		expect(lab.stsCalls.map(({ ok, reason }) => (ok ? 'ok' : reason))).toEqual(['ok']);
		expect(lab.stsCalls[0].scope).toBe('eu-west-1/sts');
		expect(lab.stsCalls[0].form).toEqual({
			Action: 'AssumeRole', Version: '2011-06-15', RoleArn: STS_LAB_ROLE, RoleSessionName: 'n8n-lab', DurationSeconds: '900', ExternalId: 'lab-external-id',
		});
		expect(okVerdicts()).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
		expect(new Set(lab.apiVerdicts.map((verdict) => verdict.keyId))).toEqual(new Set([lab.stsCalls[0].issuedKeyId]));
		expect(stored.writes).toBe(1);
	});

	it('a new process uses the temporary keys stored in the credential: no STS call', async () => {
		const stored = new StoredCredential(fields({ sessionName: 'stored-run' }));
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: `${lab.apiUrl}/first` });
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: `${lab.apiUrl}/second` });
		expect(lab.stsCalls).toHaveLength(1);
		expect(okVerdicts()).toEqual(['ok', 'ok']);
		// The stored token holds the temporary keys, never the long-lived secret.
		expect(String(stored.data.accessToken)).not.toContain(STS_LAB_KEYS.secretAccessKey);
		expect(stored.data.sessionToken).toBe('');
	});

	it('renews before the Expiration STS gave, so the API never sees expired keys', async () => {
		lab.lifetimeSeconds = 2;
		const n8n = n8nRequester(newProcess(), new StoredCredential(fields({ sessionName: 'renewing' })));
		await n8n.legacyRequest({ uri: `${lab.apiUrl}/1` });
		time.pass(1700); // inside the last 20 % of the lifetime, not yet expired
		await n8n.legacyRequest({ uri: `${lab.apiUrl}/2` });
		await n8n.legacyRequest({ uri: `${lab.apiUrl}/3` });
		expect(lab.stsCalls).toHaveLength(2);
		expect(lab.stsCalls[1].at).toBeLessThan(lab.stsCalls[0].expiresAt ?? 0);
		expect(okVerdicts()).toEqual(['ok', 'ok', 'ok']);
		expect(lab.apiVerdicts.map((verdict) => verdict.keyId)).toEqual([lab.stsCalls[0].issuedKeyId, lab.stsCalls[1].issuedKeyId, lab.stsCalls[1].issuedKeyId]);
	});

	it('a refused AssumeRole (AccessDenied) is said in STS words and remembered: one STS call for three requests', async () => {
		const denied = 'arn:aws:iam::123456789012:role/denied-role';
		lab.deniedRoles.add(denied);
		const n8n = n8nRequester(newProcess(), new StoredCredential(fields({ roleArn: denied })));
		const messages = [];
		for (let i = 0; i < 3; i++) messages.push(await failureOf(n8n.legacyRequest({ uri: `${lab.apiUrl}/x` })));
		expect(messages[0]).toMatch(/STS refused the AssumeRole call \(HTTP 403: AccessDenied: User: .* is not authorized to perform: sts:AssumeRole/);
		expect(new Set(messages).size).toBe(1);
		expect(lab.stsCalls).toHaveLength(1);
		expect(lab.apiVerdicts).toHaveLength(0);
	});

	it('long-lived keys STS does not accept: SignatureDoesNotMatch, the secret in no message', async () => {
		const n8n = n8nRequester(newProcess(), new StoredCredential(fields({ secretAccessKey: 'wrong-secret-value' })));
		const message = await failureOf(n8n.legacyRequest({ uri: `${lab.apiUrl}/x` }));
		expect(message).toMatch(/STS refused the AssumeRole call \(HTTP 403: SignatureDoesNotMatch/);
		expect(message).not.toContain('wrong-secret-value');
		expect(lab.stsCalls.map((call) => call.reason)).toEqual(['SignatureDoesNotMatch']);
	});

	it.each([
		['a Role ARN that is no role ARN', { roleArn: 'arn:aws:s3:::bucket' }, /Role ARN is not the ARN of an IAM role/],
		['a Duration out of range', { durationSeconds: 600 }, /Duration must be a whole number of seconds from 900 to 43200, not 600/],
		['an empty Region', { region: '' }, /Region is empty/],
		['an empty Service', { service: '' }, /Service is empty/],
	])('%s: a clear error, nothing sent', async (_, overrides, expected) => {
		const n8n = n8nRequester(newProcess(), new StoredCredential(fields(overrides)));
		expect(await failureOf(n8n.legacyRequest({ uri: `${lab.apiUrl}/x` }))).toMatch(expected);
		expect([lab.stsCalls.length, lab.apiVerdicts.length]).toEqual([0, 0]);
	});
});

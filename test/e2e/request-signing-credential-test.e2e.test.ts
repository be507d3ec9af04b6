// The editor's Test button for the signing types, on a running `n8n start`: the credential's
// Test URL gets a signed GET, which the signing lab checks from the raw bytes it received. The
// AWS Signature V4 (Assume Role) API's Test makes the AssumeRole call, checked by the STS lab.
import { SIGNING_LAB_KEYS, startSigningLab } from '../servers/signing-lab';
import { STS_LAB_KEYS, startStsLab } from '../servers/sts-lab';
import { stsLabAssumeRoleFields } from './harness/signing-credentials';
import { useN8nSpec } from './harness/spec-setup';

describe('credential test of the signing types (POST /rest/credentials/test)', () => {
	const { editor: server, lab, sts } = useN8nSpec('request-signing-credential-test', { servers: { lab: startSigningLab, sts: startStsLab }, editor: true });

	beforeEach(() => {
		lab.reset();
		sts.reset();
	});

	async function saveAndTest(type: string, data: Record<string, unknown>) {
		const name = `${type} ${Math.random().toString(36).slice(2)}`;
		const id = await server.createCredential(name, type, data);
		return await server.testCredential(id, name, type, data);
	}

	it('HMAC Signature API (OKX v5): the Test URL gets a signed GET that the API accepts', async () => {
		const result = await saveAndTest('hmacSignatureApi', { preset: 'okxV5', ...SIGNING_LAB_KEYS.okx, testUrl: `${lab.url}/okx/api/v5/account/balance?ccy=BTC` });
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
		expect(lab.verdicts.map(({ ok, reason }) => (ok ? 'ok' : reason))).toEqual(['ok']);
	});

	it('AWS Signature V4 API: the Test URL gets a signed GET that the API accepts', async () => {
		const result = await saveAndTest('awsSigV4Api', { ...SIGNING_LAB_KEYS.aws, region: 'eu-west-1', service: 'execute-api', payloadSigning: 'signed', testUrl: `${lab.url}/aws/health` });
		expect(result).toEqual(expect.objectContaining({ status: 'OK' }));
		expect(lab.verdicts.map(({ ok, reason }) => (ok ? 'ok' : reason))).toEqual(['ok']);
	});

	it('a wrong secret fails the Test, without the secret in the message', async () => {
		const result = await saveAndTest('awsSigV4Api', { ...SIGNING_LAB_KEYS.aws, secretAccessKey: 'wrong-SECRET-value', region: 'eu-west-1', service: 'execute-api', testUrl: `${lab.url}/aws/health` });
		expect(result.status).toBe('Error');
		expect(JSON.stringify(result)).not.toContain('wrong-SECRET-value');
		expect(lab.verdicts.length).toBeGreaterThanOrEqual(1);
		expect(lab.verdicts.every(({ reason }) => reason.startsWith('signature mismatch'))).toBe(true);
	});

	it('AWS Signature V4 (Assume Role) API: the Test makes the signed AssumeRole call; a denied role fails it without a secret', async () => {
		const fields = stsLabAssumeRoleFields(sts.stsUrl, { sessionName: 'n8n-test' });
		expect(await saveAndTest('awsSigV4AssumeRoleApi', fields)).toEqual(expect.objectContaining({ status: 'OK' }));
		// n8n's Test runs the hook (one AssumeRole call) before the Test request, itself the AssumeRole call.
		const tested = sts.stsCalls.splice(0);
		expect(tested.length === 1 || tested.length === 2).toBe(true);
		expect(tested.map(({ ok, reason, scope }) => [ok ? 'ok' : reason, scope])).toEqual(tested.map(() => ['ok', 'eu-west-1/sts']));
		const denied = 'arn:aws:iam::123456789012:role/denied-role';
		sts.deniedRoles.add(denied);
		const refused = await saveAndTest('awsSigV4AssumeRoleApi', { ...fields, roleArn: denied });
		expect(refused.status).toBe('Error');
		expect(JSON.stringify(refused)).not.toContain(STS_LAB_KEYS.secretAccessKey);
		expect(sts.stsCalls.map(({ ok, reason, scope }) => [ok ? 'ok' : reason, scope])).toEqual([['AccessDenied', 'eu-west-1/sts']]);
		expect(sts.apiVerdicts).toHaveLength(0);
	});
});

// AWS Signature V4 (Assume Role) API in real n8n: one AssumeRole call at the STS lab (its
// signature checked with @smithy/signature-v4) for a run of many items, each request signed with
// the temporary keys, which the next n8n process finds stored.
import { STS_LAB_KEYS, STS_LAB_ROLE, startStsLab } from '../servers/sts-lab';
import { nodeItems } from './harness/cli';
import { signedWorkflow } from './harness/signed-workflow';
import { signingCredential as credential } from './harness/signing-credentials';
import { N8N_START_TIMEOUT_MS, useN8nSpec } from './harness/spec-setup';
import { HTTP_NODE, type WorkflowFixture } from './harness/workflows';

describe('AWS Signature V4 (Assume Role) API in real n8n', () => {
	let flow: WorkflowFixture;
	const { n8n, sts } = useN8nSpec('aws-assume-role', {
		// Its own n8n: the temporary keys one process stored, used by the next (n8n.restart).
		ownN8n: true,
		servers: { sts: startStsLab },
		fixtures: ({ sts }) => {
			const assumeRole = credential('awsSigV4AssumeRoleApi', {
				...STS_LAB_KEYS, roleArn: STS_LAB_ROLE, externalId: 'e2e-external-id', sessionName: 'n8n-e2e', durationSeconds: 900, stsEndpoint: sts.stsUrl,
				region: 'eu-west-1', service: 'execute-api', payloadSigning: 'signed',
			});
			flow = signedWorkflow({ credential: assumeRole, method: 'POST', url: `=${sts.apiUrl}/items?item={{ $json.i }}&a=b c`, body: { json: '{"n": 1}' }, items: 5 });
			return { credentials: [assumeRole], workflows: [flow] };
		},
	});

	it('one signed AssumeRole call for 5 items, each signed with the temporary keys; after a restart the stored ones, no STS call', async () => {
		const apiVerdicts = () => sts.apiVerdicts.map(({ ok, reason }) => (ok ? 'ok' : reason));
		const first = await n8n.execute(flow.id);
		expect(first.ok).toBe(true);
		expect(nodeItems(first.run, HTTP_NODE)).toHaveLength(5);
		expect(sts.stsCalls.map(({ ok, reason, scope }) => [ok ? 'ok' : reason, scope])).toEqual([['ok', 'eu-west-1/sts']]);
		expect(sts.stsCalls[0].form).toMatchObject({ RoleArn: STS_LAB_ROLE, ExternalId: 'e2e-external-id', RoleSessionName: 'n8n-e2e', DurationSeconds: '900' });
		expect(apiVerdicts()).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
		await n8n.restart();
		const second = await n8n.execute(flow.id);
		expect(second.ok).toBe(true);
		expect(sts.stsCalls).toHaveLength(1);
		expect(apiVerdicts()).toEqual(Array(10).fill('ok'));
		expect(new Set(sts.apiVerdicts.map((verdict) => verdict.keyId))).toEqual(new Set([sts.stsCalls[0].issuedKeyId]));
		const temporary = sts.issued.get(sts.stsCalls[0].issuedKeyId ?? '');
		for (const output of [first.stdout, second.stdout]) {
			for (const secret of [STS_LAB_KEYS.secretAccessKey, temporary?.secretAccessKey, temporary?.sessionToken]) expect(output).not.toContain(secret);
		}
	}, N8N_START_TIMEOUT_MS);
});

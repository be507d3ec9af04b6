// The demo's examples of the per-request types: nothing is exchanged, each request carries a new
// proof the server checks from the bytes it received. The signing lab checks the HMAC Signature API
// (Binance preset: HMAC-SHA256 over query string + body) and the AWS Signature V4 API (recomputed
// with AWS's @smithy/signature-v4) on a plain 127.0.0.1 host; the self-signed JWT lab verifies the
// Self-Signed JWT API's Coinbase JWTs with jose, each bound to its request line. The AWS Signature
// V4 (Assume Role) API is the one that exchanges: its long-lived keys are traded at the STS lab
// for temporary keys once per lifetime, and every request is signed with those.
import type { SelfSignedJwtLab } from '../../test/servers/self-signed-jwt-lab';
import { SIGNING_LAB_KEYS, type SigningLab } from '../../test/servers/signing-lab';
import type { StsLab } from '../../test/servers/sts-lab';
import { selfSignedFields } from '../../test/support/self-signed-fields';
import type { Execution } from '../../test/e2e/harness/cli';
import { nodeItems } from '../../test/e2e/harness/cli';
import { signedWorkflow } from '../../test/e2e/harness/signed-workflow';
import { selfSignedCredential, signingCredential, stsLabAssumeRoleFields } from '../../test/e2e/harness/signing-credentials';
import { HTTP_NODE } from '../../test/e2e/harness/workflows';
import { DEMO_ITEMS, type Example, type RunCounts } from './examples';
import type { ProofSeen } from './fresh-proofs';

/** The servers of the per-request examples. */
export interface SigningLabs {
	signing: SigningLab;
	selfSignedJwt: SelfSignedJwtLab;
	sts: StsLab;
}

export function buildSigningExamples({ signing, selfSignedJwt, sts }: SigningLabs): Example[] {
	const httpItems = (run: Execution['run']) => nodeItems(run, HTTP_NODE);
	const binance = { ...signingCredential('hmacSignatureApi', { preset: 'binance', ...SIGNING_LAB_KEYS.binance, recvWindow: '5000' }), name: 'Demo HMAC Signature (Binance)' };
	// Region and service as the storage documents them; the host is the lab's, not *.amazonaws.com.
	const s3Compatible = {
		...signingCredential('awsSigV4Api', { ...SIGNING_LAB_KEYS.aws, region: 'us-east-1', service: 's3', payloadSigning: 'signed' }),
		name: 'Demo AWS Signature V4 (S3-compatible, custom host)',
	};
	const coinbase = { ...selfSignedCredential(selfSignedFields(selfSignedJwt).coinbase), name: 'Demo Self-Signed JWT (Coinbase)' };
	const assumeRole = {
		...signingCredential('awsSigV4AssumeRoleApi', stsLabAssumeRoleFields(sts.stsUrl, { externalId: 'demo-external-id', sessionName: 'n8n-demo' })),
		name: 'Demo AWS Signature V4 (Assume Role)',
	};
	const signingRun = (scheme: string) => () => {
		signing.reset();
		return (): RunCounts => {
			const verdicts = signing.verdicts.filter((verdict) => verdict.scheme === scheme);
			return { tokenCalls: 0, text: apiCallsText(verdicts.map((v) => v.ok)), proofs: verdicts.map((v) => ({ proof: v.proof, accepted: v.ok, reason: v.reason })) };
		};
	};
	return [
		{
			title: 'HMAC Signature API: Binance preset, HMAC-SHA256 over the query string and the form body',
			credential: binance,
			workflow: signedWorkflow({
				name: 'Demo: HMAC Signature API (Binance)',
				credential: binance,
				method: 'POST',
				url: `=${signing.url}/binance/api/v3/order?symbol=BTCUSDT&item={{ $json.i }}`,
				body: { form: { side: 'BUY', type: 'MARKET', quantity: '0.01' } },
				items: DEMO_ITEMS,
			}),
			exchanges: false,
			freshProofs: 'HMAC-SHA256 signatures',
			countRun: signingRun('binance'),
			answered: httpItems,
		},
		{
			title: 'AWS Signature V4 API: S3-compatible storage on a custom host (no *.amazonaws.com)',
			credential: s3Compatible,
			workflow: signedWorkflow({
				name: 'Demo: AWS Signature V4 API (S3-compatible)',
				credential: s3Compatible,
				method: 'GET',
				url: `=${signing.url}/aws/demo-bucket/reports/item-{{ $json.i }}.json`,
				items: DEMO_ITEMS,
			}),
			exchanges: false,
			freshProofs: 'SigV4 signatures (recomputed with @smithy/signature-v4)',
			countRun: signingRun('aws'),
			answered: httpItems,
		},
		{
			title: 'Self-Signed JWT API: Coinbase preset, an ES256 JWT per request bound to its method, host and path',
			credential: coinbase,
			workflow: signedWorkflow({
				name: 'Demo: Self-Signed JWT API (Coinbase)',
				credential: coinbase,
				method: 'GET',
				url: `=${selfSignedJwt.url}/coinbase/api/v3/brokerage/accounts?item={{ $json.i }}`,
				items: DEMO_ITEMS,
			}),
			exchanges: false,
			freshProofs: 'ES256 JWTs (jose: signature, kid, iss, sub, uri, nonce)',
			countRun: () => {
				selfSignedJwt.reset();
				return (): RunCounts => {
					const seen = selfSignedJwt.seen.filter((request) => request.route === 'coinbase');
					const proofs: ProofSeen[] = seen.map((request) => ({ proof: request.jwt ?? '', accepted: request.accepted, reason: request.reason }));
					return { tokenCalls: 0, text: apiCallsText(seen.map((request) => request.accepted)), proofs };
				};
			},
			answered: httpItems,
		},
		{
			title: 'AWS Signature V4 API (Assume Role): temporary keys from STS once per lifetime, every request signed with them',
			credential: assumeRole,
			workflow: signedWorkflow({
				name: 'Demo: AWS Signature V4 API (Assume Role)',
				credential: assumeRole,
				method: 'GET',
				url: `=${sts.apiUrl}/reports?item={{ $json.i }}`,
				items: DEMO_ITEMS,
			}),
			exchanges: true,
			countRun: () => {
				sts.reset();
				return (): RunCounts => {
					const ok = sts.apiVerdicts.filter((verdict) => verdict.ok).length;
					const text = `token calls: ${sts.stsCalls.length} AssumeRole at STS; API calls: ${sts.apiVerdicts.length} (${ok} accepted, signed with its temporary keys; ${sts.apiVerdicts.length - ok} rejected)`;
					return { tokenCalls: sts.stsCalls.length, text };
				};
			},
			answered: httpItems,
		},
	];
}

function apiCallsText(accepted: boolean[]): string {
	const ok = accepted.filter(Boolean).length;
	return `token calls: none (signed per request); API calls: ${accepted.length} (${ok} accepted, ${accepted.length - ok} rejected)`;
}

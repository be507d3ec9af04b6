// What one n8n process stores in a credential (a token, a rotated refresh token, a DPoP key, AWS
// temporary keys), used by the next process, for every exchanging type at once, in the HTTP
// Request node and as an AI Agent's tool: the first runs in one n8n process, then one restart (an
// n8n start is the suite's largest cost), then the next runs. Every count asserted is what the
// labs' servers saw; each check has a lab of its own, so each starts with a cold credential and
// its counts are its own.
import { callTool, finalAnswer, startChatModel } from '../servers/chat-model';
import { startOidcLab } from '../servers/oidc-lab';
import { STS_LAB_KEYS, STS_LAB_ROLE, startStsLab } from '../servers/sts-lab';
import { startTokenLab, type TokenLab } from '../servers/token-lab';
import { waitUntil } from '../support/wait-until';
import { ENGINE_AGENT, item, kinds, PARALLEL, startLabs, type Kind } from './harness/agent-kinds';
import { agentWorkflow, httpRequestTool, openAiCredential, toolResults } from './harness/agent-workflows';
import { errorText, nodeItems, type Execution } from './harness/cli';
import { basicToBearerCredential, passwordGrantCredential } from './harness/lab-credentials';
import { clientCredentialsCredential } from './harness/machine-credentials';
import { signedWorkflow } from './harness/signed-workflow';
import { signingCredential, stsLabAssumeRoleFields } from './harness/signing-credentials';
import { N8N_START_TIMEOUT_MS, useN8nSpec } from './harness/spec-setup';
import { flow, HTTP_NODE, itemUrl, type WorkflowFixture } from './harness/workflows';

describe('Stored in a credential by one n8n process, used by the next', () => {
	const flows: Record<string, WorkflowFixture> = {};
	/** Per kind, an AI Agent whose HTTP Request Tool has a credential of that kind. */
	const agents = new Map<Kind, WorkflowFixture>();

	const { n8n, bearer, bearerExpiring, grant, grantRotating, oidc, sts, model, agentLabs } = useN8nSpec('next-process', {
		// Its own n8n: the next process is a restart (n8n.restart), which the shared n8n cannot do.
		ownN8n: true,
		servers: {
			bearer: startTokenLab,
			bearerExpiring: startTokenLab,
			grant: startTokenLab,
			grantRotating: startTokenLab,
			oidc: startOidcLab,
			sts: startStsLab,
			model: startChatModel,
			agentLabs: startLabs,
		},
		fixtures: ({ bearer, bearerExpiring, grant, grantRotating, oidc, sts, model, agentLabs }) => {
			const credentials = {
				bearer: basicToBearerCredential(bearer),
				bearerExpiring: basicToBearerCredential(bearerExpiring),
				grant: passwordGrantCredential(grant),
				grantRotating: passwordGrantCredential(grantRotating),
				privateKeyJwt: clientCredentialsCredential(oidc, 'rsa'),
				// DPoP with a key the credential generates and keeps with its token (its own client).
				dpop: clientCredentialsCredential(oidc, 'ec384', { proofOfPossession: 'dpop', dpopKey: 'generated', dpopPrivateKey: '' }),
				assumeRole: signingCredential('awsSigV4AssumeRoleApi', stsLabAssumeRoleFields(sts.stsUrl, { externalId: 'e2e-external-id', sessionName: 'n8n-e2e' })),
			};
			const labOf: Record<string, TokenLab> = { bearer, bearerExpiring, grant, grantRotating };
			for (const [key, lab] of Object.entries(labOf)) flows[key] = flow(credentials[key as keyof typeof credentials], itemUrl(lab.apiUrl));
			flows.privateKeyJwt = flow(credentials.privateKeyJwt, itemUrl(oidc.apiUrl), 100);
			flows.dpop = flow(credentials.dpop, itemUrl(oidc.apiUrl), 6);
			flows.assumeRole = signedWorkflow({
				credential: credentials.assumeRole, method: 'POST', url: `=${sts.apiUrl}/items?item={{ $json.i }}&a=b c`, body: { json: '{"n": 1}' }, items: 5,
			});
			const modelCredential = openAiCredential(model);
			const toolCredentials = kinds.map((kind) => kind.credential(agentLabs));
			kinds.forEach((kind, i) => {
				const tools = [httpRequestTool('Read_item', kind.apiUrl(agentLabs), toolCredentials[i])];
				agents.set(kind, agentWorkflow({ name: `next-process agent ${kind.type}`, agentVersion: ENGINE_AGENT, modelCredential, tools }));
			});
			return {
				credentials: [...Object.values(credentials), modelCredential, ...toolCredentials],
				workflows: [...Object.values(flows), ...agents.values()],
			};
		},
	});

	async function run(key: string, items = 1): Promise<Execution> {
		const result = await n8n.execute(flows[key].id);
		expect({ ok: result.ok, error: errorText(result.run) }).toEqual({ ok: true, error: '' });
		expect(nodeItems(result.run, HTTP_NODE)).toHaveLength(items);
		return result;
	}
	const eachKind = kinds.map((kind) => [kind.label, kind] as const);
	async function runAgent(kind: Kind): Promise<Execution> {
		const result = await n8n.execute((agents.get(kind) as WorkflowFixture).id);
		expect(errorText(result.run)).toBe('');
		return result;
	}
	const lastToken = (lab: TokenLab) => lab.apiAuthorizations[lab.apiAuthorizations.length - 1];
	const refreshRequests = (lab: TokenLab) => lab.tokenRequests.filter((r) => r.form.grant_type === 'refresh_token');

	/**
	 * DPoP: the 6-item run makes the token calls given (a cold credential: the nonce challenge, then
	 * one token), and every API call carries a fresh proof the resource server accepts, bound to the
	 * token's key. Returns the key's thumbprint.
	 */
	async function dpopRun(tokenCalls: Array<[number, string | undefined, string | undefined]>): Promise<string> {
		oidc.resetCounts();
		const result = await run('dpop', 6);
		expect(oidc.tokenCalls.map((call) => [call.status, call.error, call.tokenType])).toEqual(tokenCalls);
		const accepted = oidc.apiProofs.filter((proof) => proof.accepted && proof.htu === oidc.apiUrl);
		expect(accepted).toHaveLength(6);
		expect(new Set(accepted.map((proof) => proof.jkt)).size).toBe(1);
		expect(new Set(accepted.map((proof) => proof.jti)).size).toBe(6);
		const token = oidc.apiAuthorizations[0].replace(/^DPoP /, '');
		// No token, key or proof in n8n's output.
		expect(result.stdout + result.stderr).not.toContain(token);
		expect(result.stdout + result.stderr).not.toContain('PRIVATE KEY');
		expect(result.stdout + result.stderr).not.toMatch(/eyJ[\w-]{20,}\.eyJ/);
		return accepted[0].jkt as string;
	}

	// What the first process leaves for the next one to use.
	let dpopThumbprint = '';
	const awsOutputs: string[] = [];
	const awsVerdicts = () => sts.apiVerdicts.map(({ ok, reason }) => (ok ? 'ok' : reason));

	describe('in the first n8n process', () => {
		beforeAll(() => {
			// 6 s tokens, answered 403 once expired: they expire while n8n restarts.
			bearerExpiring.set({ lifetimeSeconds: 6, expiredStatus: 403 });
			grantRotating.set({ lifetimeSeconds: 6, expiredStatus: 403 });
		});

		it('Basic to Bearer API: one token call for two executions', async () => {
			await run('bearer');
			await run('bearer');
			await run('bearerExpiring');
			expect(bearer.counts.basicTokenCalls).toBe(1);
			expect(bearer.counts.apiAccepted).toBe(2);
			expect(bearerExpiring.counts.basicTokenCalls).toBe(1);
		});

		it('OAuth2 Password Grant API: one password grant for two executions; one refresh after the token expired', async () => {
			await run('grant');
			await run('grant');
			expect(grant.counts.oauthPasswordCalls).toBe(1);
			expect(grant.counts.oauthRefreshCalls).toBe(0);
			await run('grantRotating');
			await waitUntil('the stored access token to expire', () => grantRotating.hasExpired(lastToken(grantRotating)), 30_000);
			await run('grantRotating');
			expect(grantRotating.counts.oauthPasswordCalls).toBe(1);
			expect(grantRotating.counts.oauthRefreshCalls).toBe(1);
		});

		it('OAuth2 Client Credentials API: a cold credential makes exactly 1 token call (Private Key JWT, 100 items; DPoP, 6 items, each API call its own proof)', async () => {
			oidc.set({ tokenDelayMs: 300 }); // every item's request starts while the token call is on its way
			const result = await run('privateKeyJwt', 100);
			expect(new Set(nodeItems(result.run, HTTP_NODE).map((item) => item.item)).size).toBe(100);
			expect(oidc.counts.tokenCalls).toBe(1);
			expect(oidc.tokenCalls[0]).toEqual(expect.objectContaining({ authMethod: 'private_key_jwt', clientId: oidc.clients.rsa.clientId, status: 200 }));
			expect(oidc.tokenCalls[0].assertion?.header).toEqual(expect.objectContaining({ alg: 'RS256', kid: oidc.clients.rsa.kid }));
			expect(oidc.counts.apiAccepted).toBe(100);
			expect(oidc.counts.apiRejected).toBe(0);
			oidc.set({ tokenDelayMs: 0 });
			dpopThumbprint = await dpopRun([
				[400, 'use_dpop_nonce', undefined],
				[200, undefined, 'DPoP'],
			]);
		});

		it('AWS Signature V4 (Assume Role) API: one signed AssumeRole call for 5 items, each signed with the temporary keys', async () => {
			const first = await run('assumeRole', 5);
			awsOutputs.push(first.stdout);
			expect(sts.stsCalls.map(({ ok, reason, scope }) => [ok ? 'ok' : reason, scope])).toEqual([['ok', 'eu-west-1/sts']]);
			expect(sts.stsCalls[0].form).toMatchObject({ RoleArn: STS_LAB_ROLE, ExternalId: 'e2e-external-id', RoleSessionName: 'n8n-e2e', DurationSeconds: '900' });
			expect(awsVerdicts()).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
		});

		it.each(eachKind)(`%s as an AI Agent's HTTP Request Tool: ${PARALLEL} tool calls on a cold credential, one token call`, async (_label, kind) => {
			model.script([callTool(PARALLEL, item, /^Read_item$/), finalAnswer()]);
			await runAgent(kind);
			expect(kind.issued(agentLabs)).toBe(1);
			expect(toolResults(model, 'Read_item')).toHaveLength(PARALLEL);
		});
	});

	describe('in the next n8n process', () => {
		// The token the first process stored for bearerExpiring, and the access token (not the
		// refresh token) stored for grantRotating, have expired by the time the next process runs.
		beforeAll(async () => {
			await Promise.all([
				n8n.restart(),
				waitUntil('the stored tokens to expire', () => bearerExpiring.hasExpired(lastToken(bearerExpiring)) && grantRotating.hasExpired(lastToken(grantRotating)), 30_000),
			]);
		}, N8N_START_TIMEOUT_MS);

		it('Basic to Bearer API: the stored token, no token call; an expired stored token is renewed before it is sent', async () => {
			await run('bearer');
			expect(bearer.counts.basicTokenCalls).toBe(1);
			expect(bearer.counts.apiAccepted).toBe(3);
			expect(bearer.counts.apiRejected).toBe(0);
			expect(new Set(bearer.apiAuthorizations).size).toBe(1);
			expect(bearer.apiAuthorizations[0]).toMatch(/^Bearer lab-/);
			await run('bearerExpiring');
			expect(bearerExpiring.counts.apiExpiredSeen).toBe(0);
			expect(bearerExpiring.counts.basicTokenCalls).toBe(2);
			expect(bearerExpiring.counts.apiAccepted).toBe(2);
		});

		it('OAuth2 Password Grant API: the stored token, no token call; the refresh sends the rotated refresh token the first process stored', async () => {
			await run('grant');
			expect(grant.counts.oauthPasswordCalls).toBe(1);
			expect(grant.counts.oauthRefreshCalls).toBe(0);
			expect(grant.counts.apiAccepted).toBe(3);
			expect(new Set(grant.apiAuthorizations).size).toBe(1);
			await run('grantRotating');
			expect(grantRotating.counts.oauthPasswordCalls).toBe(1);
			expect(grantRotating.counts.oauthRefreshCalls).toBe(2);
			expect(grantRotating.counts.oauthRefused).toBe(0);
			expect(grantRotating.counts.apiExpiredSeen).toBe(0);
			expect(grantRotating.counts.apiAccepted).toBe(3);
			const issued = grantRotating.issuedRefreshTokens;
			expect(issued).toHaveLength(3);
			// Each refresh used the newest refresh token, not the first one (which the server revoked).
			expect(refreshRequests(grantRotating).map((r) => r.form.refresh_token)).toEqual([issued[0], issued[1]]);
		});

		it('OAuth2 Client Credentials API: the stored tokens, no token call; the DPoP token with its stored key (its proofs still of the key the token is bound to)', async () => {
			oidc.resetCounts();
			await run('privateKeyJwt', 100);
			expect(oidc.counts.tokenCalls).toBe(0);
			expect(oidc.counts.apiAccepted).toBe(100);
			expect(await dpopRun([])).toBe(dpopThumbprint);
		});

		it('AWS Signature V4 (Assume Role) API: the stored temporary keys, no STS call', async () => {
			const second = await run('assumeRole', 5);
			awsOutputs.push(second.stdout);
			expect(sts.stsCalls).toHaveLength(1);
			expect(awsVerdicts()).toEqual(Array(10).fill('ok'));
			expect(new Set(sts.apiVerdicts.map((verdict) => verdict.keyId))).toEqual(new Set([sts.stsCalls[0].issuedKeyId]));
			const temporary = sts.issued.get(sts.stsCalls[0].issuedKeyId ?? '');
			for (const output of awsOutputs) {
				for (const secret of [STS_LAB_KEYS.secretAccessKey, temporary?.secretAccessKey, temporary?.sessionToken]) expect(output).not.toContain(secret);
			}
		});

		it.each(eachKind)(`%s as an AI Agent's HTTP Request Tool: the stored token, no token call; the API rejecting it mid-run costs exactly one renewal`, async (_label, kind) => {
			const before = kind.issued(agentLabs);
			let afterFirstTurn = -1;
			const rejectFromNowOn = () => {
				afterFirstTurn = kind.issued(agentLabs) - before;
				kind.revokeAll(agentLabs);
			};
			model.script([callTool(2, item, /^Read_item$/), callTool(3, item, /^Read_item$/, rejectFromNowOn), finalAnswer()]);
			await runAgent(kind);
			expect(afterFirstTurn).toBe(0);
			expect(kind.issued(agentLabs) - before).toBe(1);
			const results = toolResults(model, 'Read_item');
			expect(results).toHaveLength(5);
			for (const text of results) expect(text).toContain('"ok":true');
		});
	});
});

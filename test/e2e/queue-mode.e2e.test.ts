/* eslint-disable no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// Queue mode: n8n main + two workers (--concurrency=10), Redis and Postgres from Debian's
// packages, the package installed in each process's user folder, webhook executions through the
// HTTP Request node with Basic to Bearer and OAuth2 Password Grant against the token lab, and
// OAuth2 Client Credentials (Private Key JWT, and with DPoP) against oidc-provider
// (test/servers/oidc-lab.ts), and AWS Signature V4 (Assume Role) against the STS lab (test/servers/sts-lab.ts).
import { startOidcLab, type OidcLab } from '../servers/oidc-lab';
import { STS_LAB_KEYS, startStsLab, type StsLab } from '../servers/sts-lab';
import { startTokenLab, TokenLab } from '../servers/token-lab';
import { sleep } from '../support/sleep';
import { basicToBearerCredential, passwordGrantCredential } from './harness/lab-credentials';
import { clientCredentialsCredential, keyChunks } from './harness/machine-credentials';
import { signingCredential, stsLabAssumeRoleFields } from './harness/signing-credentials';
import { tokenLogLines, type TokenLogLine } from './harness/token-log';
import { QueueCluster } from './queue/cluster';
import { runLoad, type LoadResult } from './queue/load';
import { renewalRounds, Rounds } from './queue/token-rounds';
import { webhookWorkflow, WebhookWorkflow } from './queue/webhook-workflow';
import type { CredentialFixture } from './harness/cli';

const WORKERS = 2;
// Long enough that a loaded machine cannot carry a request past a renewed token's margin (2 s here).
const LIFETIME_S = 10;

/** One token lab with a Basic to Bearer and a Password Grant credential and their workflows. */
interface LabFlows {
	lab: TokenLab;
	credentials: CredentialFixture[];
	basic: WebhookWorkflow;
	passwordGrant: WebhookWorkflow;
}

async function labFlows(name: string, strict: boolean): Promise<LabFlows> {
	const lab = await startTokenLab({ lifetimeSeconds: LIFETIME_S, expiredStatus: 403, tokenDelayMs: 100, revokeFamilyOnReuse: strict });
	const basic = basicToBearerCredential(lab);
	const pg = passwordGrantCredential(lab);
	const flow = (c: CredentialFixture) =>
		webhookWorkflow({ name: `${name} ${c.type}`, url: lab.apiUrl, credentialType: c.type, credentialId: c.id, credentialName: c.name });
	return { lab, credentials: [basic, pg], basic: flow(basic), passwordGrant: flow(pg) };
}

/**
 * Two client-credentials credentials against oidc-provider, and their workflows: Private Key JWT
 * with Bearer tokens, and another client with DPoP (a key the credential generates and stores with
 * its token: every worker must sign its proofs with the key the held token is bound to).
 */
interface MachineFlow {
	lab: OidcLab;
	credentials: CredentialFixture[];
	flow: WebhookWorkflow;
	dpopFlow: WebhookWorkflow;
}

async function machineFlow(): Promise<MachineFlow> {
	const lab = await startOidcLab({ lifetimeSeconds: LIFETIME_S, expiredStatus: 403, tokenDelayMs: 100 });
	const bearer = clientCredentialsCredential(lab, 'rsa');
	const dpop = clientCredentialsCredential(lab, 'ec384', { proofOfPossession: 'dpop', dpopKey: 'generated', dpopPrivateKey: '' });
	const flow = (c: CredentialFixture, name: string) =>
		webhookWorkflow({ name: `machine ${name} ${c.type}`, url: lab.apiUrl, credentialType: c.type, credentialId: c.id, credentialName: c.name });
	return { lab, credentials: [bearer, dpop], flow: flow(bearer, 'bearer'), dpopFlow: flow(dpop, 'dpop') };
}

/** An AWS Signature V4 (Assume Role) credential against the STS lab (temporary keys living LIFETIME_S), and its workflow. */
interface AssumeRoleFlow {
	lab: StsLab;
	credential: CredentialFixture;
	flow: WebhookWorkflow;
}

async function assumeRoleFlow(): Promise<AssumeRoleFlow> {
	const lab = await startStsLab();
	lab.lifetimeSeconds = LIFETIME_S;
	const credential = signingCredential('awsSigV4AssumeRoleApi', stsLabAssumeRoleFields(lab.stsUrl, { sessionName: 'n8n-queue' }));
	const flow = webhookWorkflow({ name: `assume role ${credential.type}`, url: `${lab.apiUrl}/items`, credentialType: credential.type, credentialId: credential.id, credentialName: credential.name });
	return { lab, credential, flow };
}

/** Every access token the APIs saw, kept across resetCounts for the secret scan. */
const seenAccessTokens = new Set<string>();
function resetCounts(lab: TokenLab | OidcLab): void {
	for (const authorization of lab.apiAuthorizations) seenAccessTokens.add(authorization.replace(/^(Bearer|DPoP) /, ''));
	lab.resetCounts();
}

/** `login 3, refresh 2, stored token adopted 4`: how often each event shows in these lines. */
function summarize(lines: TokenLogLine[]): string {
	const counts = new Map<string, number>();
	for (const line of lines) counts.set(line.event, (counts.get(line.event) ?? 0) + 1);
	return [...counts].map(([event, n]) => `${event} ${n}`).join(', ') || 'no token events';
}

const tokenCalls = (lab: TokenLab, prefix: string) => lab.tokenRequests.filter((r) => r.path.startsWith(prefix));
const describeRounds = (r: Rounds) =>
	`${r.rounds.length} rounds, tokens issued per round ${r.rounds.map((round) => round.issued).join(',')} ` +
	`(steady-state mean ${r.steadyMeanIssued.toFixed(2)}, ideal 1), token calls per round ${r.rounds.map((round) => round.calls).join(',')}`;

describe('queue mode: main, two workers, Redis, Postgres', () => {
	let cluster: QueueCluster;
	let rotating: LabFlows;
	let strict: LabFlows;
	let machine: MachineFlow;
	let assumeRole: AssumeRoleFlow;

	/**
	 * None failed: every call answered ok, and n8n's database has every execution of the load a
	 * success (a queue-mode main under load sometimes never sends the answer of an execution its
	 * worker finished; such a call counts by what n8n recorded of it, and is printed).
	 */
	function expectNoneFailed(load: LoadResult): void {
		expect(load.failed).toEqual([]);
		const statuses = cluster.executionStatuses(load.workflows, load.startedAt);
		if (load.unanswered.length) {
			console.log(`${load.unanswered.length} of ${load.calls} webhook calls got no answer from main (ms since start: ${load.unanswered.join(', ')}); n8n recorded: ${JSON.stringify(statuses)}`);
		}
		expect(statuses).toEqual({ success: load.calls });
	}

	beforeAll(async () => {
		rotating = await labFlows('rotating', false);
		strict = await labFlows('strict', true);
		machine = await machineFlow();
		assumeRole = await assumeRoleFlow();
		// Workers at debug: the package's token log shows which worker made each token call.
		cluster = await QueueCluster.start({ workers: WORKERS, label: 'spec', workerLogLevel: 'debug' });
		const all = [rotating, strict];
		const flows = [...all.flatMap((f) => [f.basic, f.passwordGrant]), machine.flow, machine.dpopFlow, assumeRole.flow];
		await cluster.importCredentials([...all.flatMap((f) => f.credentials), ...machine.credentials, assumeRole.credential]);
		await cluster.importWorkflows(flows);
		cluster.publish(flows.map((flow) => flow.id));
		await cluster.startProcesses();
	}, 600_000);

	afterAll(async () => {
		await cluster?.stop();
		await rotating?.lab.close();
		await strict?.lab.close();
		await machine?.lab.close();
		await assumeRole?.lab.close();
	}, 120_000);

	it('runs 400 executions, 20 at a time, across >= 3 renewals: none fails, no expired token reaches the API, both workers run', async () => {
		const { lab } = rotating;
		const flows = [rotating.basic, rotating.passwordGrant, machine.flow, machine.dpopFlow];
		const load = await runLoad(cluster.webhookBase, flows, 400, 20, 100); // 40 s: four lifetimes, 100 executions a flow
		const basic = renewalRounds(tokenCalls(lab, '/basic/'), LIFETIME_S * 1000);
		const oauth = renewalRounds(tokenCalls(lab, '/oauth/'), LIFETIME_S * 1000);
		// The two clients' token calls apart: only the DPoP credential's carry a proof.
		const dpopCalls = machine.lab.tokenCalls.filter((call) => call.dpop !== undefined);
		const clientCredentials = renewalRounds(machine.lab.tokenCalls.filter((call) => call.dpop === undefined), LIFETIME_S * 1000);
		const dpop = renewalRounds(dpopCalls, LIFETIME_S * 1000);
		const dpopIssued = dpopCalls.filter((call) => call.status === 200);
		const nonceChallenges = dpopCalls.filter((call) => call.error === 'use_dpop_nonce').length;
		console.log(
			`queue mode, ${LIFETIME_S} s tokens, 100 ms token endpoint: ${load.calls} executions in ${load.ms} ms, by worker ${JSON.stringify(load.byWorker)}\n` +
				`  Basic to Bearer: ${describeRounds(basic)}\n  Password Grant:  ${describeRounds(oauth)}; ` +
				`password logins ${lab.counts.oauthPasswordCalls}, refreshes ${lab.counts.oauthRefreshCalls}, reused refresh tokens ${lab.counts.oauthRefreshReused}\n` +
				`  Client Credentials (Private Key JWT, oidc-provider): ${describeRounds(clientCredentials)}\n` +
				`  Client Credentials with DPoP: ${describeRounds(dpop)}; nonce challenges ${nonceChallenges}, ` +
				`DPoP API requests ${machine.lab.apiProofs.length}, proofs refused ${machine.lab.apiProofs.filter((proof) => !proof.accepted).length}`,
		);
		expectNoneFailed(load);
		expect(load.calls).toBe(400);
		expect(lab.counts.apiExpiredSeen).toBe(0);
		// Whose token arrived expired, and how late, if one did (the count alone named neither).
		expect(machine.lab.apiExpired).toEqual([]);
		expect(lab.counts.apiAccepted).toBeGreaterThanOrEqual(200);
		expect(machine.lab.counts.apiAccepted).toBeGreaterThanOrEqual(200);
		// No refusal but the authorization server's nonce challenge (RFC 9449 section 8), answered by one retry.
		expect(machine.lab.tokenCalls.filter((call) => call.status >= 400 && call.error !== 'use_dpop_nonce')).toEqual([]);
		// The resource server checked every DPoP request's proof (htm, htu, iat, jti, ath, cnf.jkt) and refused none.
		expect(machine.lab.apiProofs.filter((proof) => !proof.accepted)).toEqual([]);
		expect(machine.lab.apiProofs.length).toBeGreaterThanOrEqual(100);
		expect(dpopIssued.every((call) => call.tokenType === 'DPoP')).toBe(true);
		expect(Object.keys(load.byWorker).sort()).toEqual(['worker-1', 'worker-2']);
		// Cold start, then at least three renewals for each credential.
		for (const rounds of [basic, oauth, clientCredentials, dpop]) expect(rounds.rounds.length).toBeGreaterThanOrEqual(4);
		// Cold start and every later round: no more tokens per credential than workers.
		for (const rounds of [basic, oauth, clientCredentials, dpop]) expect(rounds.maxIssued).toBeLessThanOrEqual(WORKERS);
		// A key is made only by a worker that holds no token (two cold workers may each make one, seen
		// on a loaded machine); every renewal keeps the held token's key, so no later token has a new one.
		const renewalsFrom = dpop.rounds[1].at;
		const coldKeys = new Set(dpopIssued.filter((call) => call.at < renewalsFrom).map((call) => call.jkt));
		expect(coldKeys.size).toBeLessThanOrEqual(WORKERS);
		expect(dpopIssued.filter((call) => call.at >= renewalsFrom && !coldKeys.has(call.jkt))).toEqual([]);

		// The token log (n8n's logger, debug) names the worker process behind every token call the lab answered.
		const host = new URL(lab.apiUrl).host;
		const lines: Record<string, TokenLogLine[]> = Object.fromEntries(
			cluster.workers.map((worker) => [worker.name, tokenLogLines(cluster.logs()[worker.name]).filter((line) => line.fields.host === host)]),
		);
		console.log(
			'token log by worker: ' +
				Object.entries(lines)
					.map(([name, own]) => `${name} (process ${[...new Set(own.map((l) => l.fields.process))].join(',')}): ${summarize(own)}`)
					.join('; '),
		);
		const processes = Object.values(lines).map((own) => [...new Set(own.map((line) => line.fields.process))]);
		expect(processes.map((ids) => ids.length)).toEqual([1, 1]);
		expect(processes[0][0]).not.toBe(processes[1][0]);
		const issuedPerLog = (type: string) =>
			Object.values(lines).flat().filter((l) => l.fields.type === type && ['login', 'refresh'].includes(l.event) && l.fields.status === '200').length;
		const issuedPerLab = (prefix: string) => tokenCalls(lab, prefix).filter((call) => call.status === 200).length;
		expect(issuedPerLog('basicToBearerApi')).toBe(issuedPerLab('/basic/'));
		expect(issuedPerLog('passwordGrantOAuth2Api')).toBe(issuedPerLab('/oauth/'));
	});

	it('runs the same 200 executions against a strict server (reuse of a rotated refresh token revokes the family): none fails', async () => {
		const { lab } = strict;
		const load = await runLoad(cluster.webhookBase, [strict.basic, strict.passwordGrant], 200, 20, 100);
		const oauth = renewalRounds(tokenCalls(lab, '/oauth/'), LIFETIME_S * 1000);
		console.log(
			`strict server: ${load.calls} executions in ${load.ms} ms, by worker ${JSON.stringify(load.byWorker)}; ` +
				`Password Grant ${describeRounds(oauth)}; families revoked ${lab.counts.oauthFamiliesRevoked}, API rejections ${lab.counts.apiRejected}`,
		);
		expectNoneFailed(load);
		expect(load.calls).toBe(200);
		expect(lab.counts.apiExpiredSeen).toBe(0);
		expect(Object.keys(load.byWorker).sort()).toEqual(['worker-1', 'worker-2']);
	});

	it('AWS Assume Role: 120 executions across >= 3 lifetimes of the temporary keys: none fails, every request verified, STS calls per lifetime no more than workers', async () => {
		const { lab } = assumeRole;
		const load = await runLoad(cluster.webhookBase, [assumeRole.flow], 120, 10, 300); // 36 s: three and a half lifetimes
		const sts = renewalRounds(lab.stsCalls.map((call) => ({ at: call.at, status: call.ok ? 200 : 403 })), LIFETIME_S * 1000);
		console.log(`AWS Assume Role, ${LIFETIME_S} s temporary keys: ${load.calls} executions in ${load.ms} ms, by worker ${JSON.stringify(load.byWorker)}; STS ${describeRounds(sts)}`);
		expectNoneFailed(load);
		expect(lab.stsCalls.filter((call) => !call.ok)).toEqual([]);
		expect(lab.apiVerdicts.filter((verdict) => !verdict.ok)).toEqual([]);
		expect(lab.apiVerdicts).toHaveLength(120);
		expect(Object.keys(load.byWorker).sort()).toEqual(['worker-1', 'worker-2']);
		expect(sts.rounds.length).toBeGreaterThanOrEqual(4);
		expect(sts.maxIssued).toBeLessThanOrEqual(WORKERS);
	});

	it('rotation race: a refresh token another worker already rotated is refused; the execution logs in again and later renewals are not blocked', async () => {
		const { lab } = rotating;
		// Both workers restart while the stored token expires: both refresh the same refresh token at once.
		for (const worker of cluster.workers) await cluster.stopWorker(worker);
		await sleep(LIFETIME_S * 1000);
		for (const worker of cluster.workers) await cluster.startWorker(worker);
		resetCounts(lab);
		// A slow token endpoint keeps the first refresh in flight while the other worker starts its own.
		lab.set({ tokenDelayMs: 3_000 });
		const race = await runLoad(cluster.webhookBase, [rotating.passwordGrant], 20, 20);
		console.log(`rotation race: refused refreshes ${lab.counts.oauthRefused}, password logins ${lab.counts.oauthPasswordCalls}, refreshes ${lab.counts.oauthRefreshCalls}`);
		expectNoneFailed(race);
		expect(Object.keys(race.byWorker).sort()).toEqual(['worker-1', 'worker-2']);
		expect(lab.counts.oauthRefreshReused).toBeGreaterThanOrEqual(1);
		expect(lab.counts.oauthRefused).toBeGreaterThanOrEqual(1);
		expect(lab.counts.oauthPasswordCalls).toBeGreaterThanOrEqual(1);
		// Renewals after the refusal (well within the 5-minute refused-login window) still happen.
		lab.set({ tokenDelayMs: 100 });
		const callsBefore = lab.tokenRequests.length;
		await sleep(LIFETIME_S * 1000);
		const after = await runLoad(cluster.webhookBase, [rotating.passwordGrant], 40, 20, 100);
		expectNoneFailed(after);
		expect(lab.tokenRequests.slice(callsBefore).filter((r) => r.status === 200).length).toBeGreaterThanOrEqual(1);
		expect(lab.counts.apiExpiredSeen).toBe(0);
	});

	it('a worker restarted in the middle of a token lifetime uses the stored token (and DPoP key) without a token call', async () => {
		const { lab } = rotating;
		const flows = [rotating.basic, rotating.passwordGrant, machine.flow, machine.dpopFlow];
		for (const l of [lab, machine.lab]) {
			l.set({ lifetimeSeconds: 300 });
			l.revokeAllTokens(); // the next executions renew after the 401 and store 300 s tokens
		}
		const warm = await runLoad(cluster.webhookBase, flows, 40, 20);
		expectNoneFailed(warm);
		const warmKeys = new Set(machine.lab.apiProofs.filter((proof) => proof.accepted).map((proof) => proof.jkt));
		const [first, second] = cluster.workers;
		await cluster.stopWorker(first);
		await cluster.stopWorker(second);
		await cluster.startWorker(second);
		resetCounts(lab);
		resetCounts(machine.lab);
		const load = await runLoad(cluster.webhookBase, flows, 40, 10);
		expectNoneFailed(load);
		expect(load.byWorker).toEqual({ 'worker-2': 40 });
		expect(lab.counts.apiAccepted).toBe(20);
		expect(machine.lab.counts.apiAccepted).toBe(20);
		expect(lab.tokenRequests).toHaveLength(0);
		expect(machine.lab.tokenCalls).toHaveLength(0);
		// The restarted worker signed its DPoP proofs with the stored key the stored token is bound to.
		expect(machine.lab.apiProofs.map((proof) => proof.accepted)).toEqual(Array(10).fill(true));
		expect(machine.lab.apiProofs.every((proof) => warmKeys.has(proof.jkt))).toBe(true);
		await cluster.startWorker(first);
		lab.set({ lifetimeSeconds: LIFETIME_S });
		machine.lab.set({ lifetimeSeconds: LIFETIME_S });
	});

	it('prints no password, client secret, private key or token in the output of main or any worker', () => {
		for (const { lab } of [rotating, strict]) resetCounts(lab);
		resetCounts(machine.lab);
		expect(seenAccessTokens.size).toBeGreaterThan(4);
		const secrets = [
			...[rotating, strict].flatMap(({ lab }) => [lab.settings.password, lab.settings.clientSecret, ...lab.issuedRefreshTokens]),
			...keyChunks(machine.lab.clients.rsa.privateKeyPem),
			...keyChunks(machine.lab.clients.ec384.privateKeyPem),
			...seenAccessTokens,
			STS_LAB_KEYS.secretAccessKey,
			...[...assumeRole.lab.issued.values()].flatMap((keys) => [keys.secretAccessKey, keys.sessionToken]),
		];
		const logs = cluster.logs();
		expect(Object.values(logs).join('').length).toBeGreaterThan(0);
		for (const [name, log] of Object.entries(logs)) {
			for (const secret of new Set(secrets)) if (secret && log.includes(secret)) throw new Error(`${name} printed a secret`);
		}
	});
});

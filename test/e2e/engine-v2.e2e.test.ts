/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// n8n 2.x's opt-in Engine 2.0 (docs/administrators.md), run for real: the engine-v2 module with
// its own PostgreSQL data plane. Its credential helper refuses every credential type that has an
// expirable field before the hook runs, so the exchanging types cannot run there and the package
// does not work around it; a static type (Bearer Token) and the per-request types (Self-Signed
// JWT, HMAC Signature, AWS Signature V4: no expirable field) run, each request verified by its lab.
// When n8n lifts the refusal, the first test fails and the exchanging types need their full proof
// on Engine 2.0.
import { rmSync } from 'fs';
import { join } from 'path';
import { startSelfSignedJwtLab } from '../servers/self-signed-jwt-lab';
import { SIGNING_LAB_KEYS, startSigningLab } from '../servers/signing-lab';
import { startTokenLab } from '../servers/token-lab';
import { selfSignedFields } from '../support/self-signed-fields';
import type { CredentialFixture } from './harness/cli';
import { basicToBearerCredential, bearerTokenCredential, labIssuedToken } from './harness/lab-credentials';
import { scratchRoot } from './harness/line';
import { freePort } from './harness/ports';
import { selfSignedCredential, signingCredential } from './harness/signing-credentials';
import { describeOnLine2, useN8nSpec, type Closable } from './harness/spec-setup';
import { ensureDebianServers } from './queue/debian-packages';
import { startPostgres } from './queue/postgres';
import { waitFor } from './queue/wait';
import { callWebhook, webhookWorkflow, type WebhookWorkflow } from './queue/webhook-workflow';

// describeOnLine2: n8n 1.123 has no Engine 2.0.

const REFUSAL = 'Engine 2.0 does not support credentials with an expirable property yet (credential type "basicToBearerApi")';

interface EngineExecution {
	status: string;
	/** n8n's flatted run data: a JSON array whose string values include the error message. */
	data: string;
}

/** Engine 2.0's own PostgreSQL data plane, and the settings of an n8n with the engine-v2 module on it. */
async function startEngineDatabase(): Promise<Closable & { settings: Record<string, string> }> {
	const dir = join(scratchRoot, `engine-v2-pg-${process.pid}`);
	const postgres = await startPostgres(ensureDebianServers().postgresBin, dir, 'engine');
	const settings = {
		N8N_ENABLED_MODULES: 'engine-v2',
		N8N_ENGINE_DATABASE_URL: `postgres://postgres@127.0.0.1:${postgres.port}/engine`,
		N8N_ENGINE_HOST: '127.0.0.1',
		N8N_ENGINE_PORT: String(await freePort()),
		N8N_ENGINE_CONTROL_PLANE_PORT: String(await freePort()),
		// The workflow's last node names the process from $env; irrelevant here, allowed so it runs.
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
	};
	const close = async () => {
		await postgres.process.stop();
		rmSync(dir, { recursive: true, force: true });
	};
	return { settings, close };
}

describeOnLine2('Engine 2.0 in real n8n', () => {
	const flows: Record<'exchanging' | 'staticToken' | 'selfSignedJwt' | 'hmac' | 'awsSigV4', WebhookWorkflow> = {} as never;
	// One n8n with the engine-v2 module: the fixtures saved and published through the editor's REST calls.
	const { n8n, lab, jwtLab, signingLab, editor } = useN8nSpec('engine-v2', {
		servers: { lab: startTokenLab, jwtLab: startSelfSignedJwtLab, signingLab: startSigningLab, engineDatabase: startEngineDatabase },
		env: ({ engineDatabase }) => engineDatabase.settings,
		fixtures: async ({ lab, jwtLab, signingLab }) => {
			const calls: Record<keyof typeof flows, { credential: CredentialFixture; url: string }> = {
				exchanging: { credential: basicToBearerCredential(lab), url: lab.apiUrl },
				staticToken: { credential: bearerTokenCredential(await labIssuedToken(lab)), url: lab.apiUrl },
				selfSignedJwt: { credential: selfSignedCredential(selfSignedFields(jwtLab).hs256), url: `${jwtLab.url}/hs256/items` },
				hmac: { credential: signingCredential('hmacSignatureApi', { preset: 'binance', ...SIGNING_LAB_KEYS.binance, recvWindow: '5000' }), url: `${signingLab.url}/binance/api/v3/account` },
				awsSigV4: {
					credential: signingCredential('awsSigV4Api', { ...SIGNING_LAB_KEYS.aws, region: 'eu-west-1', service: 'execute-api', payloadSigning: 'signed' }),
					url: `${signingLab.url}/aws/items?a=b c`,
				},
			};
			for (const [key, { credential, url }] of Object.entries(calls)) {
				// Engine 2.0 answers a webhook only at once ('onReceived'); the run goes on after the answer.
				const flow = webhookWorkflow({ name: `engine v2 ${key}`, url, credentialType: credential.type, credentialId: credential.id, credentialName: credential.name, responseMode: 'onReceived' });
				flows[key as keyof typeof flows] = { ...flow, settings: { ...flow.settings, engineType: 'v2' } };
			}
			return { credentials: Object.values(calls).map((call) => call.credential), workflows: Object.values(flows) };
		},
	});

	beforeAll(async () => {
		for (const flow of Object.values(flows)) await editor.activateWorkflow(n8n.cli.savedWorkflowId(flow.id), '2');
	});
	beforeEach(() => lab.resetCounts());

	/** Calls the webhook (once n8n has registered it) and returns the finished Engine 2.0 execution. */
	async function runOnEngine2(flow: WebhookWorkflow): Promise<EngineExecution> {
		const base = `${editor.baseUrl}/webhook`;
		let status = 0;
		await waitFor(`webhook of ${flow.name}`, 60_000, async () => (status = (await callWebhook(base, flow)).status) !== 404);
		expect(status).toBe(200);
		let found: EngineExecution | undefined;
		await waitFor(`execution of ${flow.name}`, 60_000, async () => {
			const list = await editor.request<{ results: Array<{ id: string; workflowId: string; status: string }> }>('GET', '/rest/executions');
			const done = list.data.results?.find((e) => e.workflowId === n8n.cli.savedWorkflowId(flow.id) && !['new', 'running'].includes(e.status));
			if (done) found = (await editor.request<EngineExecution>('GET', `/rest/executions/${done.id}`)).data;
			return found !== undefined;
		});
		return found!;
	}

	it('refuses an exchanging credential before its hook runs: the token server and the API see nothing', async () => {
		const execution = await runOnEngine2(flows.exchanging);
		expect(execution.status).toBe('error');
		expect(JSON.parse(execution.data)).toContain(REFUSAL);
		expect(lab.counts.basicTokenCalls).toBe(0);
		expect(lab.counts.apiCalls).toBe(0);
	});

	it('runs a static credential of the package (Bearer Token)', async () => {
		const execution = await runOnEngine2(flows.staticToken);
		expect(execution.status).toBe('success');
		expect(lab.counts.apiAccepted).toBe(1);
	});

	it('runs the per-request types (Self-Signed JWT, HMAC Signature, AWS Signature V4): each request verified by its lab', async () => {
		for (const flow of [flows.selfSignedJwt, flows.hmac, flows.awsSigV4]) expect((await runOnEngine2(flow)).status).toBe('success');
		expect(jwtLab.refused('hs256')).toEqual([]);
		expect(jwtLab.accepted('hs256')).toHaveLength(1);
		expect(signingLab.verdicts.map(({ scheme, ok, reason }) => `${scheme} ${ok ? 'ok' : reason}`)).toEqual(['binance ok', 'aws ok']);
	});
});

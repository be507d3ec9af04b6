/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// Benchmark (not a test): webhook executions through an n8n queue-mode cluster (main, two workers
// with --concurrency=10, Redis, Postgres), HTTP Request node against the local API (token lab),
// with n8n's built-in Header Auth on a static token, Basic to Bearer and OAuth2 Password Grant,
// interleaved in one run: blocks of 100 executions (20 at a time) rotate over the three until each
// has run --executions. Prints executions per second per credential and the ratio to Header Auth.
//   scripts/benchmark.sh --queue [--executions=1000] [--lifetime=3600] [--token-delay=0]
//   scripts/benchmark.sh --queue --renewals [--executions=300] [--lifetime=6] [--spacing=100]
import { startTokenLab } from '../test/servers/token-lab';
import { basicToBearerCredential, labIssuedToken, passwordGrantCredential } from '../test/e2e/harness/lab-credentials';
import type { CredentialFixture } from '../test/e2e/harness/cli';
import { newId } from '../test/e2e/harness/workflows';
import { QueueCluster } from '../test/e2e/queue/cluster';
import { runLoad } from '../test/e2e/queue/load';
import { renewalRounds } from '../test/e2e/queue/token-rounds';
import { webhookWorkflow, WebhookWorkflow } from '../test/e2e/queue/webhook-workflow';

const arg = (name: string, fallback: number) => {
	const found = process.argv.find((a) => a.startsWith(`--${name}=`));
	return found ? Number(found.split('=')[1]) : fallback;
};
const EXECUTIONS = arg('executions', 1000);
const BLOCK = 100;
const PARALLEL = 20;

interface Case {
	label: string;
	credential: CredentialFixture;
	workflow?: WebhookWorkflow;
	ms: number;
	done: number;
	failed: number;
	byWorker: Record<string, number>;
}

async function main(): Promise<void> {
	if (process.argv.includes('--renewals')) return await renewals();
	const lab = await startTokenLab({ lifetimeSeconds: arg('lifetime', 3600), tokenDelayMs: arg('token-delay', 0) });
	const headerId = newId();
	const cases: Case[] = [
		{ label: 'Header Auth (n8n, static token)', credential: { id: headerId, name: 'bench header', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${await labIssuedToken(lab)}` } } },
		{ label: 'Basic to Bearer', credential: basicToBearerCredential(lab) },
		{ label: 'OAuth2 Password Grant', credential: passwordGrantCredential(lab) },
	].map((c) => ({ ...c, ms: 0, done: 0, failed: 0, byWorker: {} }));
	const cluster = await QueueCluster.start({ workers: 2, label: 'benchmark' });
	try {
		for (const c of cases) {
			c.workflow = webhookWorkflow({ name: `bench ${c.label}`, url: lab.apiUrl, credentialType: c.credential.type, credentialId: c.credential.id, credentialName: c.credential.name });
		}
		await cluster.importCredentials(cases.map((c) => c.credential));
		await cluster.importWorkflows(cases.map((c) => c.workflow as WebhookWorkflow));
		cluster.publish(cases.map((c) => (c.workflow as WebhookWorkflow).id));
		await cluster.startProcesses();
		// Warm-up: every workflow once per worker slot, not counted.
		for (const c of cases) await runLoad(cluster.webhookBase, [c.workflow as WebhookWorkflow], 2 * PARALLEL, PARALLEL);
		lab.resetCounts();
		for (let block = 0; cases.some((c) => c.done < EXECUTIONS); block++) {
			// Rotate which case goes first, so none always follows the same one.
			for (const c of [...cases.slice(block % 3), ...cases.slice(0, block % 3)]) {
				const n = Math.min(BLOCK, EXECUTIONS - c.done);
				if (n <= 0) continue;
				const load = await runLoad(cluster.webhookBase, [c.workflow as WebhookWorkflow], n, PARALLEL);
				c.ms += load.ms;
				c.done += load.calls;
				c.failed += load.failed.length;
				for (const [w, k] of Object.entries(load.byWorker)) c.byWorker[w] = (c.byWorker[w] ?? 0) + k;
			}
		}
		const header = cases[0];
		const rate = (c: Case) => (c.done * 1000) / c.ms;
		console.log(`\nn8n ${cluster.line.version} queue mode, 2 workers x concurrency 10, ${EXECUTIONS} webhook executions per credential, ${PARALLEL} at a time, blocks of ${BLOCK} interleaved`);
		console.log(`token lifetime ${lab.settings.lifetimeSeconds} s, token endpoint delay ${lab.settings.tokenDelayMs} ms`);
		console.log('| credential | executions/s | ratio to Header Auth | failed | by worker |');
		console.log('|---|---|---|---|---|');
		for (const c of cases) {
			console.log(`| ${c.label} | ${rate(c).toFixed(1)} | ${(rate(c) / rate(header)).toFixed(3)} | ${c.failed} | ${Object.entries(c.byWorker).map(([w, k]) => `${w} ${k}`).join(', ')} |`);
		}
		console.log(`token calls during the measured blocks: Basic ${lab.counts.basicTokenCalls}, password grant ${lab.counts.oauthPasswordCalls}, refresh ${lab.counts.oauthRefreshCalls}; API expired seen ${lab.counts.apiExpiredSeen}`);
		process.exitCode = cases.some((c) => c.failed > 0) ? 1 : 0;
	} finally {
		await cluster.stop();
		await lab.close();
	}
}

/**
 * `--renewals`: tokens per lifetime across the two workers. For each token endpoint delay (100 ms,
 * 500 ms), --executions (default 300) executions alternating Basic to Bearer and Password Grant,
 * at most 20 in flight, one started every --spacing ms (default 100), --lifetime s tokens (default 6).
 */
async function renewals(): Promise<void> {
	const lifetime = arg('lifetime', 6);
	const total = arg('executions', 300);
	const spacing = arg('spacing', 100);
	const cluster = await QueueCluster.start({ workers: 2, label: 'renewals' });
	const labs = await Promise.all([100, 500].map(async (delay) => await startTokenLab({ lifetimeSeconds: lifetime, tokenDelayMs: delay, expiredStatus: 403 })));
	try {
		const runs = labs.map((lab) => {
			const [basic, grant] = [basicToBearerCredential(lab), passwordGrantCredential(lab)];
			const flows = [basic, grant].map((c) => webhookWorkflow({ name: `renewals ${lab.settings.tokenDelayMs} ${c.type}`, url: lab.apiUrl, credentialType: c.type, credentialId: c.id, credentialName: c.name }));
			return { lab, credentials: [basic, grant], flows };
		});
		await cluster.importCredentials(runs.flatMap((r) => r.credentials));
		await cluster.importWorkflows(runs.flatMap((r) => r.flows));
		cluster.publish(runs.flatMap((r) => r.flows.map((f) => f.id)));
		await cluster.startProcesses();
		console.log(`\nn8n ${cluster.line.version} queue mode, 2 workers; ${total} executions, one every ${spacing} ms, at most 20 in flight; ${lifetime} s tokens`);
		for (const { lab, flows } of runs) {
			const load = await runLoad(cluster.webhookBase, flows, total, 20, spacing);
			for (const [label, prefix] of [['Basic to Bearer', '/basic/'], ['Password Grant', '/oauth/']]) {
				const r = renewalRounds(lab.tokenRequests.filter((t) => t.path.startsWith(prefix)), lifetime * 1000);
				const steady = r.rounds.slice(1);
				const both = steady.filter((round) => round.issued > 1).length;
				console.log(
					`token endpoint ${lab.settings.tokenDelayMs} ms, ${label}: cold start ${r.rounds[0]?.issued ?? 0} tokens; steady state ${r.steadyMeanIssued.toFixed(2)} tokens per lifetime (ideal 1) over ${steady.length} rounds, ` +
						`both workers renewed in ${both} of ${steady.length}; per round ${r.rounds.map((x) => x.issued).join(',')}`,
				);
			}
			console.log(
				`token endpoint ${lab.settings.tokenDelayMs} ms: ${load.failed.length} failed of ${load.calls} in ${load.ms} ms, by worker ${JSON.stringify(load.byWorker)}; ` +
					`password logins ${lab.counts.oauthPasswordCalls}, refreshes ${lab.counts.oauthRefreshCalls} (reused ${lab.counts.oauthRefreshReused}); API expired seen ${lab.counts.apiExpiredSeen}`,
			);
		}
	} finally {
		await cluster.stop();
		for (const lab of labs) await lab.close();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// `npm run demo -- --queue`: the example workflows on an n8n queue-mode cluster (main, two workers
// with --concurrency=10, Redis and Postgres from Debian's packages, all on 127.0.0.1 and stopped at
// the end), triggered through their webhooks. Prints, per execution, the worker that ran it and
// the token calls made; then a burst of 40 concurrent executions and how the workers shared it.
import { startTokenLab, TokenLab } from '../../test/servers/token-lab';
import { basicToBearerCredential, passwordGrantCredential } from '../../test/e2e/harness/lab-credentials';
import type { CredentialFixture } from '../../test/e2e/harness/cli';
import { QueueCluster } from '../../test/e2e/queue/cluster';
import { runLoad } from '../../test/e2e/queue/load';
import { callWebhook, webhookWorkflow, WebhookWorkflow } from '../../test/e2e/queue/webhook-workflow';

const LIFETIME_S = 4;
const RUNS = 8;

interface Example {
	title: string;
	credential: CredentialFixture;
	workflow: WebhookWorkflow;
}

async function main(): Promise<void> {
	const lab = await startTokenLab({ lifetimeSeconds: LIFETIME_S, tokenDelayMs: 100 });
	console.log('\nStarting Redis, Postgres, n8n main and two workers (installs redis-server/postgresql with apt-get when missing)...');
	const cluster = await QueueCluster.start({ workers: 2, label: 'demo' });
	try {
		const examples = buildExamples(lab);
		await cluster.importCredentials(examples.map((e) => e.credential));
		await cluster.importWorkflows(examples.map((e) => e.workflow));
		cluster.publish(examples.map((e) => e.workflow.id));
		await cluster.startProcesses();
		console.log(`n8n ${cluster.line.version} in queue mode; webhooks under ${cluster.webhookBase}; demo API (token lab) on ${lab.url}`);
		console.log(`Tokens live ${LIFETIME_S} s here, so some executions below renew them.`);
		let failures = 0;
		for (const example of examples) {
			console.log(`\n== ${example.title}: one execution every 0.7 s through the webhook`);
			for (let run = 1; run <= RUNS; run++) {
				const before = lab.tokenRequests.length;
				const { status, answer } = await callWebhook(cluster.webhookBase, example.workflow);
				const calls = lab.tokenRequests.slice(before).map(describeTokenCall);
				if (status !== 200 || answer.ok !== true) failures++;
				console.log(
					`   execution ${run}: ${status === 200 && answer.ok === true ? 'ok' : `FAILED (HTTP ${status})`}, ran on ${answer.worker ?? '?'}, ` +
						`token calls: ${calls.length === 0 ? 'none (stored token)' : calls.join(', ')}`,
				);
				await new Promise((r) => setTimeout(r, 700));
			}
		}
		lab.resetCounts();
		const burst = await runLoad(cluster.webhookBase, examples.map((e) => e.workflow), 40, 20);
		failures += burst.failed.length;
		console.log(
			`\n== Burst: ${burst.calls} executions, 20 at a time, in ${burst.ms} ms: ${burst.failed.length} failed; ` +
				`by worker ${JSON.stringify(burst.byWorker)}; token calls ${lab.tokenRequests.length} ` +
				`(${lab.counts.basicTokenCalls} Basic, ${lab.counts.oauthPasswordCalls} password grant, ${lab.counts.oauthRefreshCalls} refresh)`,
		);
		console.log('\nEach worker keeps its own token store; the token is shared through the credential in Postgres.');
		process.exitCode = failures ? 1 : 0;
	} finally {
		await cluster.stop();
		await lab.close();
	}
}

function buildExamples(lab: TokenLab): Example[] {
	const example = (title: string, credential: CredentialFixture): Example => ({
		title,
		credential,
		workflow: webhookWorkflow({
			name: `Demo (queue): ${title}`,
			url: lab.apiUrl,
			credentialType: credential.type,
			credentialId: credential.id,
			credentialName: credential.name,
		}),
	});
	return [
		example('Basic to Bearer API', { ...basicToBearerCredential(lab), name: 'Demo Basic to Bearer' }),
		example('OAuth2 Password Grant API', { ...passwordGrantCredential(lab), name: 'Demo OAuth2 Password Grant' }),
	];
}

function describeTokenCall(call: { path: string; form: Record<string, string>; status?: number }): string {
	const kind = call.path.startsWith('/basic/') ? 'Basic login' : call.form.grant_type === 'refresh_token' ? 'refresh' : 'password grant';
	return `${kind} (${call.status ?? '?'})`;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

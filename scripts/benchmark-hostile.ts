/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// Benchmark (not a test): how long a call to a hostile token endpoint takes to fail, and the memory
// it moves. The tests assert what bounds each answer (the limit named in the error, the server
// seeing the client hang up); the times are here. Per exchanging type and hostile answer:
//   in one process, through n8n-core's request helpers: time to fail, resident memory before and at peak;
//   with --n8n, in real n8n (`n8n execute` under /usr/bin/time): the process's wall time and peak memory,
//   against a run with a good token endpoint.
// Also what the server wrote before the client left.
//   scripts/benchmark.sh --hostile [--runs=3] [--n8n]          (N8N_LINE=1 for n8n 1.123.81)
import type { ICredentialType } from 'n8n-workflow';
import { BasicToBearerApi } from '../credentials/BasicToBearerApi.credentials';
import { PasswordGrantOAuth2Api } from '../credentials/PasswordGrantOAuth2Api.credentials';
import { errorText } from '../test/e2e/harness/cli';
import { createInstance } from '../test/e2e/harness/instance';
import { basicToBearerFixture, passwordGrantFixture } from '../test/e2e/harness/lab-credentials';
import { executeMeasured } from '../test/e2e/harness/peak-memory';
import { httpWorkflow } from '../test/e2e/harness/workflows';
import { n8nRequester, StoredCredential } from '../test/integration/support/n8n-request-harness';
import { startHostileServer, type HostileServer } from '../test/servers/hostile-token-server';
import { HOSTILE_LOGIN, basicToBearerFields, passwordGrantFields } from '../test/support/credential-fields';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.split('=')[1] ?? 3);
const IN_N8N = process.argv.includes('--n8n');
const MB = 1024 * 1024;

const answers = [
	{ label: 'good token (reference)', path: '/token' },
	{ label: '40 MB token', path: `/big-token?chars=${40 * MB}` },
	{ label: 'gzip inflating to 200 MB', path: '/gzip-bomb?mb=200' },
	{ label: 'endless answer', path: '/endless' },
	{ label: 'trickle, 1 byte / 2 s', path: '/trickle?everyMs=2000' },
];

const kinds: Array<{ label: string; type: () => ICredentialType; fields: (url: string) => Record<string, string>; fixture: typeof basicToBearerFixture }> = [
	{ label: 'Basic to Bearer', type: () => new BasicToBearerApi(), fields: (url) => basicToBearerFields(HOSTILE_LOGIN, url), fixture: basicToBearerFixture },
	{ label: 'Password Grant', type: () => new PasswordGrantOAuth2Api(), fields: (url) => passwordGrantFields(HOSTILE_LOGIN, url), fixture: passwordGrantFixture },
];

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rssMb = () => process.memoryUsage().rss / MB;

/** What the server wrote for the last streamed answer, if one started after `streamsBefore`, and how it ended. */
async function written(server: HostileServer, streamsBefore: number): Promise<string> {
	const streams = await server.streamsEnded();
	const last = streams.length > streamsBefore ? streams[streams.length - 1] : undefined;
	return last ? `${(last.bytes / MB).toFixed(1)} MB written, ${last.end}` : '-';
}

/** One request the HTTP Request node's way; each run gets its own URL (and so its own cached token). */
async function inProcess(server: HostileServer, kind: (typeof kinds)[number], path: string, run: number) {
	const url = `${server.url}${path}${path.includes('?') ? '&' : '?'}run=${run}-${Math.random()}`;
	const requester = n8nRequester(kind.type(), new StoredCredential(kind.fields(url)));
	const before = rssMb();
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 10);
	const started = process.hrtime.bigint();
	const outcome = await requester.legacyRequest({ uri: `${server.url}/api` }).then(
		() => 'ok',
		(error: Error) => error.message.slice(0, 60),
	);
	const ms = Number(process.hrtime.bigint() - started) / 1e6;
	clearInterval(sampler);
	return { ms, peakDelta: Math.max(peak, rssMb()) - before, outcome };
}

async function main(): Promise<void> {
	const server = await startHostileServer({ maxLifetimeMs: 60 * 60_000 });
	try {
		console.log(`\nIn one process (n8n-core request helpers), median of ${RUNS} runs`);
		console.log('| Type | Answer | time to fail (ok) | rss peak - before | server wrote | outcome |');
		console.log('|---|---|---|---|---|---|');
		for (const kind of kinds) {
			for (const answer of answers) {
				const streamsBefore = server.streams.length;
				const runs = [];
				for (let run = 0; run < RUNS; run++) runs.push(await inProcess(server, kind, answer.path, run));
				const ms = median(runs.map((r) => r.ms));
				const peak = median(runs.map((r) => r.peakDelta));
				console.log(`| ${kind.label} | ${answer.label} | ${(ms / 1000).toFixed(2)} s | ${peak.toFixed(0)} MB | ${await written(server, streamsBefore)} | ${runs[0].outcome} |`);
			}
		}
		if (IN_N8N) await inN8n(server);
	} finally {
		await server.close();
	}
}

/** `n8n execute` per answer: whole process wall time and peak resident memory. */
async function inN8n(server: HostileServer): Promise<void> {
	const n8n = createInstance('benchmark-hostile');
	try {
		console.log(`\nIn real n8n ${n8n.cli.line.version} (\`n8n execute\`, a whole process each), median of ${RUNS} runs`);
		console.log('| Type | Answer | `n8n execute` wall | peak rss | server wrote | error |');
		console.log('|---|---|---|---|---|---|');
		for (const kind of kinds) {
			for (const answer of answers) {
				const streamsBefore = server.streams.length;
				const runs = [];
				for (let run = 0; run < RUNS; run++) {
					const credential = kind.fixture(kind.fields(`${server.url}${answer.path}`));
					const workflow = httpWorkflow({ url: `${server.url}/api`, credentialType: credential.type, credentialId: credential.id, credentialName: credential.name });
					await n8n.load(workflow, [credential]);
					runs.push(await executeMeasured(n8n.cli, workflow.id));
				}
				const seconds = median(runs.map((r) => r.ms)) / 1000;
				const peak = median(runs.map((r) => r.peakMb));
				const error = errorText(runs[0].run).split('\n')[0].slice(0, 60) || 'none';
				console.log(`| ${kind.label} | ${answer.label} | ${seconds.toFixed(1)} s | ${peak.toFixed(0)} MB | ${await written(server, streamsBefore)} | ${error} |`);
			}
		}
	} finally {
		n8n.cleanup();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exitCode = 1;
});

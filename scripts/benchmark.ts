/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// Benchmark (not a test): the HTTP Request node over 1000 items against the local API (token lab)
// with each exchanging credential of the package and, in the same run, with n8n's built-in Header
// Auth on a static token. Prints token calls, wall time and the ratio to Header Auth. Every case
// runs on a server that verifies each call (scripts/benchmark-cases.ts), and its ratio is to Header
// Auth on that same server; a run where the server accepted fewer calls than items stops the script.
//   scripts/benchmark.sh [--items=1000] [--runs=3] [--only=client-credentials|per-request]   (N8N_LINE=1 for n8n 1.123.81 on Node 20)
//   --servers-apart: n8n on core 0, this script and its servers on core 1 (taskset), so that the
//   servers' checks (a signature recomputed, a proof verified) take none of n8n's CPU, as an API on
//   another machine would not; without it they share both cores with n8n.
//   --profile: n8n runs under V8's CPU profiler (scripts/benchmark-profile-preload.ts), and each
//   run's CPU is split into the package's code, n8n's own handling of the credential and the rest
//   (scripts/benchmark-profile.ts); the profiler slows n8n, so node times of a profiled run are not
//   compared with unprofiled ones.
import { execFileSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startOidcLab } from '../test/servers/oidc-lab';
import { startSelfSignedJwtLab } from '../test/servers/self-signed-jwt-lab';
import { startSigningLab } from '../test/servers/signing-lab';
import { startTokenLab } from '../test/servers/token-lab';
import { Execution } from '../test/e2e/harness/cli';
import { createInstance } from '../test/e2e/harness/instance';
import { HTTP_NODE, httpWorkflow } from '../test/e2e/harness/workflows';
import { benchmarkCases, resetServers, type Case, type CaseGroup } from './benchmark-cases';
import { cpuShares, takeExecuteProfile, type CpuShares } from './benchmark-profile';

const arg = (name: string, fallback: number) => {
	const found = process.argv.find((a) => a.startsWith(`--${name}=`));
	return found ? Number(found.split('=')[1]) : fallback;
};
const ITEMS = arg('items', 1000);
const RUNS = arg('runs', 3);
/** --only=client-credentials or --only=per-request: that group's cases and their Header Auth baselines. */
const ONLY = process.argv.find((a) => a.startsWith('--only='))?.split('=')[1] as CaseGroup | undefined;
const SERVERS_APART = process.argv.includes('--servers-apart');
const PROFILE = process.argv.includes('--profile');

interface Sample {
	nodeMs: number;
	wallMs: number;
	/** CPU time this process (the local servers) used during the run. */
	serversCpuMs: number;
	/** CPU time of the `n8n execute` process, its boot included. */
	n8nCpuMs: number;
	tokenCalls: number;
	accepted: number;
	distinctProofs?: number;
	/** --profile: the run's CPU by share. */
	shares?: CpuShares;
}

async function main(): Promise<void> {
	// Before the servers start: every thread of this process, and those it starts, on core 1.
	if (SERVERS_APART) execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
	const servers = { lab: await startTokenLab(), oidc: await startOidcLab(), selfSigned: await startSelfSignedJwtLab(), signing: await startSigningLab() };
	const n8n = createInstance('benchmark');
	// GNU time reports the n8n process's CPU (boot included): what the credential costs n8n itself.
	n8n.cli.launcher = [...(SERVERS_APART ? ['taskset', '-c', '0'] : []), '/usr/bin/time', '-f', 'n8n-cpu-s=%U+%S'];
	const cases = await benchmarkCases(servers);
	const selected = cases.filter((c) => ONLY === undefined || c.groups.includes(ONLY));
	if (selected.length === 0) throw new Error(`--only=${ONLY}: no such group`);
	const flows = new Map(
		selected.map((c) => [
			c,
			httpWorkflow({ url: c.url, credentialType: c.credential.type, credentialId: c.credential.id, credentialName: c.credential.name, items: ITEMS }),
		]),
	);
	await n8n.cli.importCredentials(selected.map((c) => c.credential));
	await n8n.cli.importWorkflow([...flows.values()]);
	console.log(
		`n8n ${n8n.cli.line.version}, ${ITEMS} items per execution, ${RUNS} executions per credential (the first one cold)` +
			(SERVERS_APART ? '; n8n on core 0, the servers on core 1' : ''),
	);

	const samples = new Map<Case, Sample[]>(selected.map((c) => [c, []]));
	for (let run = 0; run < RUNS; run++) {
		// Interleaved, so that machine load hits every credential alike.
		for (const c of selected) {
			resetServers(servers);
			const profileDir = PROFILE ? mkdtempSync(join(tmpdir(), 'n8n-cpu-prof-')) : undefined;
			if (profileDir !== undefined) n8n.cli.extraEnv = { NODE_OPTIONS: `--require ${join(__dirname, 'benchmark-profile-preload.js')}`, BENCHMARK_PROFILE_DIR: profileDir };
			// This process is the servers: its CPU in a run is theirs, plus reading n8n's output (alike for every case).
			const serversBefore = process.cpuUsage();
			const result = await n8n.cli.execute(flows.get(c)!.id);
			const serversCpu = process.cpuUsage(serversBefore);
			// A failed run is reported as such, not as a missing profile.
			if (!result.ok) throw new Error(`${c.label} failed: ${result.stdout.slice(-2000)}`);
			const shares = profileDir === undefined ? undefined : cpuShares(takeExecuteProfile(profileDir));
			const sample = {
				nodeMs: httpNodeMs(result),
				wallMs: result.ms,
				serversCpuMs: Math.round((serversCpu.user + serversCpu.system) / 1000),
				n8nCpuMs: n8nCpuMs(result.stderr),
				tokenCalls: c.tokenCalls(),
				accepted: c.accepted(),
				distinctProofs: c.distinctProofs?.(),
				shares,
			};
			console.log(
				`  run ${run + 1} ${c.label}: HTTP node ${sample.nodeMs} ms, n8n's CPU ${sample.n8nCpuMs} ms, servers' CPU ${sample.serversCpuMs} ms, token calls ${sample.tokenCalls}, API accepted ${sample.accepted}` +
					(sample.distinctProofs === undefined ? '' : `, distinct proofs ${sample.distinctProofs}`) +
					(shares === undefined ? '' : `; profiled CPU ${shares.busyMs} ms: the package ${shares.packageMs} ms, n8n's handling of the credential ${shares.n8nCredentialMs} ms`),
			);
			// A run that measured refusals (or reused proofs) measured something else: stop.
			if (sample.accepted !== ITEMS) throw new Error(`${c.label}: the API accepted ${sample.accepted} calls of ${ITEMS}`);
			if (sample.distinctProofs !== undefined && sample.distinctProofs !== ITEMS) throw new Error(`${c.label}: ${sample.distinctProofs} distinct proofs for ${ITEMS} calls`);
			samples.get(c)!.push(sample);
		}
	}

	console.log(
		'\n| Credential | token calls (cold run / each warm run) | API calls accepted per run | distinct proofs per run | HTTP Request node, median ms | `n8n execute` wall, median s | n8n\'s CPU per run, median ms | servers\' CPU per run, median ms | ratio to Header Auth |',
	);
	console.log('|---|---|---|---|---|---|---|---|---|');
	for (const c of selected) {
		const s = samples.get(c)!;
		const base = median(samples.get(c.baseline ?? c)!.map((x) => x.nodeMs));
		const nodeMs = median(s.map((x) => x.nodeMs));
		const warm = s.slice(1).map((x) => x.tokenCalls);
		const proofs = c.distinctProofs === undefined ? '-' : Math.min(...s.map((x) => x.distinctProofs ?? 0));
		console.log(
			`| ${c.label} | ${s[0].tokenCalls} / ${warm.length ? Math.max(...warm) : '-'} | ${Math.min(...s.map((x) => x.accepted))} | ${proofs} | ${nodeMs} | ` +
				`${(median(s.map((x) => x.wallMs)) / 1000).toFixed(1)} | ${median(s.map((x) => x.n8nCpuMs))} | ${median(s.map((x) => x.serversCpuMs))} | ${(nodeMs / base).toFixed(2)} |`,
		);
	}
	if (PROFILE) printShares(selected, samples);
	console.log(`\nSingle runs (ms, HTTP Request node): ${selected.map((c) => `${c.label} ${samples.get(c)!.map((x) => x.nodeMs).join(', ')}`).join('; ')}`);
	await Promise.all([servers.lab.close(), servers.oidc.close(), servers.selfSigned.close(), servers.signing.close()]);
	n8n.cleanup();
}

/**
 * --profile: each share's median per run and, against the baseline's, what the credential adds,
 * also as a share of the baseline's node time (what the 5 % goal is about).
 */
function printShares(selected: Case[], samples: Map<Case, Sample[]>): void {
	console.log("\n| Credential | profiled CPU, median ms | the package's code, median ms (n8n loading it at boot, in every run) | n8n's handling of the credential, median ms (the baseline's) | added by the package, % of the baseline's node time | added by n8n's handling, % |");
	console.log('|---|---|---|---|---|---|');
	for (const c of selected) {
		const shares = samples.get(c)!.map((x) => x.shares!);
		const base = samples.get(c.baseline ?? c)!;
		const baseNodeMs = median(base.map((x) => x.nodeMs));
		// The baseline's package share is n8n loading the package at boot, as in every run.
		const basePackage = median(base.map((x) => x.shares!.packageMs));
		const baseN8n = median(base.map((x) => x.shares!.n8nCredentialMs));
		const packageMs = median(shares.map((x) => x.packageMs));
		const n8nMs = median(shares.map((x) => x.n8nCredentialMs));
		const percent = (ms: number) => `${((100 * ms) / baseNodeMs).toFixed(1)} %`;
		console.log(
			`| ${c.label} | ${median(shares.map((x) => x.busyMs))} | ${packageMs} | ${n8nMs} (${baseN8n}) | ${percent(packageMs - basePackage)} | ${percent(n8nMs - baseN8n)} |`,
		);
	}
}

/** The n8n process's user + system CPU, as GNU time printed it (`n8n-cpu-s=1.23+0.45`). */
function n8nCpuMs(stderr: string): number {
	const found = /n8n-cpu-s=([\d.]+)\+([\d.]+)/.exec(stderr);
	if (!found) throw new Error(`GNU time printed no CPU figure: ${stderr.slice(-500)}`);
	return Math.round((Number(found[1]) + Number(found[2])) * 1000);
}

/** Time n8n recorded for the HTTP Request node in this execution. */
function httpNodeMs(result: Execution): number {
	const runs = result.run.data.resultData.runData[HTTP_NODE] as unknown as Array<{ executionTime: number }>;
	return runs[0].executionTime;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

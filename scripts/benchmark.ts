// Benchmark (not a test): the HTTP Request node over 1000 items against the local API (token lab)
// with each exchanging credential of the package and, in the same run, with n8n's built-in Header
// Auth on a static token. Prints token calls, wall time and the ratio to Header Auth.
//   scripts/benchmark.sh [--items=1000] [--runs=3]      (N8N_LINE=1 for n8n 1.123.81 on Node 20)
import { startTokenLab, TokenLab } from '../test/servers/token-lab';
import { CredentialFixture, Execution } from '../test/e2e/harness/cli';
import { createInstance } from '../test/e2e/harness/instance';
import { basicToBearerCredential, labIssuedToken, passwordGrantCredential } from '../test/e2e/harness/lab-credentials';
import { HTTP_NODE, httpWorkflow, newId } from '../test/e2e/harness/workflows';

const arg = (name: string, fallback: number) => {
	const found = process.argv.find((a) => a.startsWith(`--${name}=`));
	return found ? Number(found.split('=')[1]) : fallback;
};
const ITEMS = arg('items', 1000);
const RUNS = arg('runs', 3);

interface Case {
	label: string;
	credential: CredentialFixture;
	tokenCalls: (lab: TokenLab) => number;
}

interface Sample {
	nodeMs: number;
	wallMs: number;
	tokenCalls: number;
	accepted: number;
}

async function main(): Promise<void> {
	const lab = await startTokenLab();
	const n8n = createInstance('benchmark');
	const staticToken = await labIssuedToken(lab);
	const headerId = newId();
	const cases: Case[] = [
		{
			label: 'Header Auth (n8n built-in, static token)',
			credential: { id: headerId, name: 'bench header', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${staticToken}` } },
			tokenCalls: () => 0,
		},
		{ label: 'Basic to Bearer API', credential: basicToBearerCredential(lab), tokenCalls: (l) => l.counts.basicTokenCalls },
		{
			label: 'OAuth2 Password Grant API',
			credential: passwordGrantCredential(lab),
			tokenCalls: (l) => l.counts.oauthPasswordCalls + l.counts.oauthRefreshCalls,
		},
	];
	const flows = cases.map((c) =>
		httpWorkflow({
			url: `=${lab.apiUrl}?item={{ $json.i }}`,
			credentialType: c.credential.type,
			credentialId: c.credential.id,
			credentialName: c.credential.name,
			items: ITEMS,
		}),
	);
	await n8n.cli.importCredentials(cases.map((c) => c.credential));
	await n8n.cli.importWorkflow(flows);
	console.log(`n8n ${n8n.cli.line.version}, ${ITEMS} items per execution, ${RUNS} executions per credential (the first one cold)`);

	const samples: Sample[][] = cases.map(() => []);
	for (let run = 0; run < RUNS; run++) {
		// Interleaved, so that machine load hits every credential alike.
		for (const [i, c] of cases.entries()) {
			lab.resetCounts();
			const result = await n8n.cli.execute(flows[i].id);
			if (!result.ok) throw new Error(`${c.label} failed: ${result.stdout.slice(-2000)}`);
			samples[i].push({
				nodeMs: httpNodeMs(result),
				wallMs: result.ms,
				tokenCalls: c.tokenCalls(lab),
				accepted: lab.counts.apiAccepted,
			});
			console.log(`  run ${run + 1} ${c.label}: HTTP node ${httpNodeMs(result)} ms, token calls ${c.tokenCalls(lab)}, API accepted ${lab.counts.apiAccepted}`);
		}
	}

	const base = median(samples[0].map((s) => s.nodeMs));
	console.log('\n| Credential | token calls (cold run / each warm run) | API calls accepted per run | HTTP Request node, median ms | `n8n execute` wall, median s | ratio to Header Auth |');
	console.log('|---|---|---|---|---|---|');
	for (const [i, c] of cases.entries()) {
		const s = samples[i];
		const nodeMs = median(s.map((x) => x.nodeMs));
		const warm = s.slice(1).map((x) => x.tokenCalls);
		console.log(
			`| ${c.label} | ${s[0].tokenCalls} / ${warm.length ? Math.max(...warm) : '-'} | ${Math.min(...s.map((x) => x.accepted))} | ${nodeMs} | ` +
				`${(median(s.map((x) => x.wallMs)) / 1000).toFixed(1)} | ${(nodeMs / base).toFixed(2)} |`,
		);
	}
	await lab.close();
	n8n.cleanup();
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

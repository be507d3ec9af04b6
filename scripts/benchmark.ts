/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// Benchmark (not a test): the HTTP Request node over 1000 items against the local API (token lab)
// with each exchanging credential of the package and, in the same run, with n8n's built-in Header
// Auth on a static token. Prints token calls, wall time and the ratio to Header Auth. The OAuth2
// Client Credentials API runs against oidc-provider's resource server (test/servers/oidc-lab.ts),
// which verifies a JWT on every call: its ratio is to Header Auth on that same API.
//   scripts/benchmark.sh [--items=1000] [--runs=3] [--only=client-credentials]   (N8N_LINE=1 for n8n 1.123.81 on Node 20)
import { startOidcLab, type OidcLab } from '../test/servers/oidc-lab';
import { startTokenLab } from '../test/servers/token-lab';
import { CredentialFixture, Execution } from '../test/e2e/harness/cli';
import { createInstance } from '../test/e2e/harness/instance';
import { basicToBearerCredential, labIssuedToken, passwordGrantCredential } from '../test/e2e/harness/lab-credentials';
import { clientCredentialsCredential } from '../test/e2e/harness/machine-credentials';
import { HTTP_NODE, httpWorkflow, newId } from '../test/e2e/harness/workflows';

const arg = (name: string, fallback: number) => {
	const found = process.argv.find((a) => a.startsWith(`--${name}=`));
	return found ? Number(found.split('=')[1]) : fallback;
};
const ITEMS = arg('items', 1000);
const RUNS = arg('runs', 3);
/** --only=client-credentials: just the Client Credentials type and its Header Auth baseline. */
const ONLY_CLIENT_CREDENTIALS = process.argv.includes('--only=client-credentials');

interface Case {
	label: string;
	credential: CredentialFixture;
	/** Token calls and API calls accepted in the last run, as the servers counted them. */
	tokenCalls: () => number;
	accepted: () => number;
	apiUrl: string;
	/** Index of the Header Auth case on the same API (the ratio's denominator). */
	baseline: number;
}

interface Sample {
	nodeMs: number;
	wallMs: number;
	tokenCalls: number;
	accepted: number;
}

async function main(): Promise<void> {
	const lab = await startTokenLab();
	const oidc = await startOidcLab();
	const n8n = createInstance('benchmark');
	const staticToken = await labIssuedToken(lab);
	const headerAuth = (name: string, token: string): CredentialFixture => ({
		id: newId(),
		name,
		type: 'httpHeaderAuth',
		data: { name: 'Authorization', value: `Bearer ${token}` },
	});
	const onTokenLab = { accepted: () => lab.counts.apiAccepted, apiUrl: lab.apiUrl, baseline: 0 };
	const onOidc = { accepted: () => oidc.counts.apiAccepted, apiUrl: oidc.apiUrl, baseline: 3 };
	const cases: Case[] = [
		{ label: 'Header Auth (n8n built-in, static token)', credential: headerAuth('bench header', staticToken), tokenCalls: () => 0, ...onTokenLab },
		{ label: 'Basic to Bearer API', credential: basicToBearerCredential(lab), tokenCalls: () => lab.counts.basicTokenCalls, ...onTokenLab },
		{
			label: 'OAuth2 Password Grant API',
			credential: passwordGrantCredential(lab),
			tokenCalls: () => lab.counts.oauthPasswordCalls + lab.counts.oauthRefreshCalls,
			...onTokenLab,
		},
		{
			label: 'Header Auth on the oidc-provider API (static JWT)',
			credential: headerAuth('bench header oidc', await oidcIssuedToken(oidc)),
			tokenCalls: () => 0,
			...onOidc,
		},
		{
			label: 'OAuth2 Client Credentials API (Private Key JWT, RS256)',
			credential: clientCredentialsCredential(oidc, 'rsa'),
			tokenCalls: () => oidc.counts.tokenCalls,
			...onOidc,
		},
	];
	const flows = cases.map((c) =>
		httpWorkflow({
			url: `=${c.apiUrl}?item={{ $json.i }}`,
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
	const selected = cases.map((_, i) => i).filter((i) => !ONLY_CLIENT_CREDENTIALS || cases[i].apiUrl === oidc.apiUrl);
	for (let run = 0; run < RUNS; run++) {
		// Interleaved, so that machine load hits every credential alike.
		for (const i of selected) {
			const c = cases[i];
			lab.resetCounts();
			oidc.resetCounts();
			const result = await n8n.cli.execute(flows[i].id);
			if (!result.ok) throw new Error(`${c.label} failed: ${result.stdout.slice(-2000)}`);
			samples[i].push({
				nodeMs: httpNodeMs(result),
				wallMs: result.ms,
				tokenCalls: c.tokenCalls(),
				accepted: c.accepted(),
			});
			console.log(`  run ${run + 1} ${c.label}: HTTP node ${httpNodeMs(result)} ms, token calls ${c.tokenCalls()}, API accepted ${c.accepted()}`);
		}
	}

	console.log('\n| Credential | token calls (cold run / each warm run) | API calls accepted per run | HTTP Request node, median ms | `n8n execute` wall, median s | ratio to Header Auth |');
	console.log('|---|---|---|---|---|---|');
	for (const i of selected) {
		const c = cases[i];
		const s = samples[i];
		const base = median(samples[c.baseline].map((x) => x.nodeMs));
		const nodeMs = median(s.map((x) => x.nodeMs));
		const warm = s.slice(1).map((x) => x.tokenCalls);
		console.log(
			`| ${c.label} | ${s[0].tokenCalls} / ${warm.length ? Math.max(...warm) : '-'} | ${Math.min(...s.map((x) => x.accepted))} | ${nodeMs} | ` +
				`${(median(s.map((x) => x.wallMs)) / 1000).toFixed(1)} | ${(nodeMs / base).toFixed(2)} |`,
		);
	}
	await lab.close();
	await oidc.close();
	n8n.cleanup();
}

/** A token from oidc-provider for the static Header Auth baseline on its API (client_secret_post). */
async function oidcIssuedToken(oidc: OidcLab): Promise<string> {
	const { clientId, clientSecret } = oidc.clients.post;
	const res = await fetch(oidc.tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
	});
	return ((await res.json()) as { access_token: string }).access_token;
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

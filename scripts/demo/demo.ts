// `npm run demo`: the built package inside a real n8n (2.41.1 on Node 24), one example workflow per
// credential type against a local demo API (the token lab), and what happened: token calls, API
// calls, results. `--serve` then keeps n8n running with the package and the workflows loaded.
import { startTokenLab, TokenLab } from '../../test/servers/token-lab';
import { CredentialFixture, errorText, nodeItems } from '../../test/e2e/harness/cli';
import { createInstance } from '../../test/e2e/harness/instance';
import { basicToBearerCredential, bearerTokenCredential, labIssuedToken, passwordGrantCredential } from '../../test/e2e/harness/lab-credentials';
import { N8nServer } from '../../test/e2e/harness/n8n-server';
import { HTTP_NODE, httpWorkflow, WorkflowFixture } from '../../test/e2e/harness/workflows';

interface Example {
	title: string;
	credential: CredentialFixture;
	workflow: WorkflowFixture;
	tokenCalls: (lab: TokenLab) => string;
}

const ITEMS = 5;
const RUNS = 2;

async function main(): Promise<void> {
	const serve = process.argv.includes('--serve');
	const portArg = process.argv.find((a) => a.startsWith('--port='));
	const port = portArg ? Number(portArg.slice('--port='.length)) : 5678;
	const lab = await startTokenLab({}, { maxLifetimeMs: serve ? 7 * 24 * 3600_000 : 30 * 60_000 });
	const n8n = createInstance('demo');
	const examples = await buildExamples(lab);

	console.log(`\nDemo API (token lab) on ${lab.url}   n8n ${n8n.cli.line.version} (node ${n8n.cli.line.nodeBin})`);
	console.log(`n8n user folder: ${n8n.userFolder}`);
	console.log('Importing the example credentials and workflows with `n8n import:credentials` / `n8n import:workflow`...');
	await n8n.cli.importCredentials(examples.map((e) => e.credential));
	await n8n.cli.importWorkflow(examples.map((e) => e.workflow));

	let failures = 0;
	for (const example of examples) {
		console.log(`\n== ${example.title}: "${example.workflow.name}" (${ITEMS} items, HTTP Request node)`);
		for (let run = 1; run <= RUNS; run++) {
			lab.resetCounts();
			const result = await n8n.cli.execute(example.workflow.id);
			const items = nodeItems(result.run, HTTP_NODE);
			const verdict = result.ok ? `ok, ${items.length} items answered` : `FAILED: ${errorText(result.run)}`;
			if (!result.ok) failures++;
			console.log(
				`   run ${run}: ${verdict}; token calls: ${example.tokenCalls(lab)}; API calls: ${lab.counts.apiCalls} ` +
					`(${lab.counts.apiAccepted} accepted, ${lab.counts.apiRejected} rejected); ${(result.ms / 1000).toFixed(1)} s`,
			);
			if (run === 1 && items[0]) console.log(`   first item: ${JSON.stringify(items[0])}`);
			if (run === 1 && lab.apiAuthorizations[0]) console.log(`   the API saw: Authorization: ${mask(lab.apiAuthorizations[0])}`);
		}
	}
	console.log(
		'\nThe second run of each exchanging credential makes no token call: the token was stored (encrypted) in the credential by the first run.',
	);

	if (!serve) {
		await lab.close();
		n8n.cleanup();
		process.exitCode = failures ? 1 : 0;
		return;
	}
	const server = await N8nServer.start(n8n.cli.line, n8n.userFolder, port);
	console.log(`\nn8n is running at ${server.baseUrl} with the package and the example workflows loaded.`);
	console.log('Set up the owner account in the browser; the workflows are under Overview. Ctrl+C stops n8n and the demo API.');
	const stop = async () => {
		await server.stop();
		await lab.close();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

async function buildExamples(lab: TokenLab): Promise<Example[]> {
	const flow = (title: string, credential: CredentialFixture) =>
		httpWorkflow({
			name: `Demo: ${title}`,
			url: `=${lab.apiUrl}?item={{ $json.i }}`,
			credentialType: credential.type,
			credentialId: credential.id,
			credentialName: credential.name,
			items: ITEMS,
		});
	const basic = { ...basicToBearerCredential(lab), name: 'Demo Basic to Bearer' };
	const grant = { ...passwordGrantCredential(lab), name: 'Demo OAuth2 Password Grant' };
	const bearer = { ...bearerTokenCredential(await labIssuedToken(lab)), name: 'Demo Bearer Token' };
	return [
		{ title: 'Basic to Bearer API', credential: basic, workflow: flow('Basic to Bearer API', basic), tokenCalls: (l) => `${l.counts.basicTokenCalls}` },
		{
			title: 'OAuth2 Password Grant API',
			credential: grant,
			workflow: flow('OAuth2 Password Grant API', grant),
			tokenCalls: (l) => `${l.counts.oauthPasswordCalls} password grant, ${l.counts.oauthRefreshCalls} refresh`,
		},
		{ title: 'Bearer Token API', credential: bearer, workflow: flow('Bearer Token API', bearer), tokenCalls: () => 'none (static token)' },
	];
}

function mask(header: string): string {
	const [scheme, token = ''] = header.includes(' ') ? header.split(' ', 2) : ['', header];
	return `${scheme ? `${scheme} ` : ''}${token.slice(0, 8)}…`;
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// `npm run demo`: the built package inside a real n8n (2.41.1 on Node 24), one example workflow per
// credential type against local servers (the token lab, the Basic emulator, the signing labs), and
// what happened: token calls, API calls, signatures verified, results. Each example runs once in
// one `n8n start`, then once more after a restart (the editor's REST calls, as a user's Execute
// Workflow). Exits non-zero unless every run succeeds, the second run of each exchanging
// credential, in the new process, makes no token call, and each signing credential's requests
// carry proofs the server accepted, no two alike. `--serve` then keeps n8n running with the package and the workflows loaded.
import { startBasicEmulator } from '../../test/servers/basic-emulator';
import { startJwtBearerLab } from '../../test/servers/jwt-bearer-lab';
import { startLoginLab } from '../../test/servers/login-lab';
import { startOidcLab } from '../../test/servers/oidc-lab';
import { startSelfSignedJwtLab } from '../../test/servers/self-signed-jwt-lab';
import { startSigningLab } from '../../test/servers/signing-lab';
import { startStsLab } from '../../test/servers/sts-lab';
import { startTokenLab } from '../../test/servers/token-lab';
import type { Execution } from '../../test/e2e/harness/cli';
import { describeExecution, failureCause } from '../../test/e2e/harness/execution-report';
import { createInstance } from '../../test/e2e/harness/instance';
import { N8nServer, OWNER } from '../../test/e2e/harness/n8n-server';
import { basicTodos } from '../../test/e2e/harness/basic-tech-fixtures';
import { BASIC_PROJECT, buildExamples, DEMO_COOKIE_LOGIN, Example } from './examples';
import { describeProofs, freshProofProblems } from './fresh-proofs';
import { buildSigningExamples } from './signing-examples';

const RUNS = 2;

/** The demo's n8n: one `n8n start` per round, the examples run through the editor's REST calls. */
type DemoN8n = ReturnType<typeof createInstance>;

async function main(): Promise<void> {
	const serve = process.argv.includes('--serve');
	const portArg = process.argv.find((a) => a.startsWith('--port='));
	const port = portArg ? Number(portArg.slice('--port='.length)) : 5678;
	const maxLifetimeMs = serve ? 7 * 24 * 3600_000 : 30 * 60_000;
	const lab = await startTokenLab({}, { maxLifetimeMs });
	const emu = await startBasicEmulator({ projects: { [BASIC_PROJECT]: { todos: basicTodos } }, maxLifetimeMs, idleTimeoutMs: maxLifetimeMs });
	const loginLab = await startLoginLab(DEMO_COOKIE_LOGIN, { maxLifetimeMs });
	const machine = { oidc: await startOidcLab({}, { maxLifetimeMs }), jwtBearer: await startJwtBearerLab({}, { maxLifetimeMs }) };
	const signingLabs = { signing: await startSigningLab({ maxLifetimeMs }), selfSignedJwt: await startSelfSignedJwtLab({ maxLifetimeMs }), sts: await startStsLab({ maxLifetimeMs }) };
	const closeServers = async () =>
		await Promise.all([
			lab.close(), emu.close(), loginLab.close(), machine.oidc.close(), machine.jwtBearer.close(), signingLabs.signing.close(), signingLabs.selfSignedJwt.close(), signingLabs.sts.close(),
		]);
	const n8n = createInstance('demo');
	const examples = [...(await buildExamples(lab, emu, loginLab, machine)), ...buildSigningExamples(signingLabs)];

	console.log(`\nDemo API (token lab) on ${lab.url}, login lab on ${loginLab.url}, Basic emulator on ${emu.url}   n8n ${n8n.cli.line.version} (node ${n8n.cli.line.nodeBin})`);
	console.log(`oidc-provider on ${machine.oidc.issuer} (API ${machine.oidc.apiUrl}), JWT Bearer server on ${machine.jwtBearer.tokenUrl}`);
	console.log(`signing lab (HMAC, SigV4) on ${signingLabs.signing.url}, self-signed JWT lab on ${signingLabs.selfSignedJwt.url}, STS lab on ${signingLabs.sts.url}`);
	console.log(`n8n user folder: ${n8n.userFolder}`);
	console.log('Starting n8n (`n8n start`), saving the example credentials and workflows as the editor does...');
	const ids = new Map<Example, string>();
	for (const example of examples) ids.set(example, await n8n.load(example.workflow, [example.credential]));

	const problems: string[] = [];
	for (let run = 1; run <= RUNS; run++) {
		if (run > 1) {
			console.log(`\nRestarting n8n: run ${run} is a new n8n process, which finds each token stored (encrypted) in its credential.`);
			await n8n.restart();
		}
		for (const example of examples) problems.push(...(await runExample(n8n, ids.get(example)!, example, run)));
	}

	console.log('\nThe second run of each exchanging credential makes no token call: the first run stored the token (encrypted) in the credential, and a new n8n process used it.');
	console.log('Each signing credential exchanges nothing: it signs every request afresh, and the server refuses a proof it has seen before.');
	if (problems.length) console.log(`\nDEMO FAILED:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
	else console.log(`\nDemo OK: ${examples.length} example workflows, ${RUNS} runs each, all succeeded.`);

	if (!serve || problems.length) {
		await n8n.stop();
		await closeServers();
		n8n.cleanup();
		process.exitCode = problems.length ? 1 : 0;
		return;
	}
	await n8n.stop();
	const server = await N8nServer.start(n8n.cli.line, n8n.userFolder, port);
	console.log(`\nn8n is running at ${server.baseUrl} with the package and the example workflows loaded.`);
	console.log(`Sign in as ${OWNER.email} with the password ${OWNER.password} (a local demo account); the workflows are under Overview. Ctrl+C stops n8n and the demo servers.`);
	const stop = async () => {
		await server.stop();
		await closeServers();
		process.exit(0);
	};
	process.on('SIGINT', () => void stop());
	process.on('SIGTERM', () => void stop());
}

/** Runs one example once on the running n8n, prints the run, returns what went wrong. */
async function runExample(n8n: DemoN8n, workflowId: string, example: Example, run: number): Promise<string[]> {
	const problems: string[] = [];
	console.log(`\n== ${example.title}: "${example.workflow.name}", run ${run}`);
	if (run === 1) {
		const prepared = example.beforeFirstRun?.();
		if (prepared) console.log(`   (${prepared})`);
	}
	const counts = example.countRun();
	const { result, cause, report } = await executeAndJudge(n8n, workflowId, example);
	const calls = counts();
	if (example.freshProofs !== undefined) calls.text += `; ${describeProofs(example.freshProofs, calls.proofs ?? [])}`;
	const verdict = cause ? `FAILED: ${cause}` : `ok, ${example.answered(result!.run).length} items`;
	const took = result ? `; ${(result.ms / 1000).toFixed(1)} s` : '';
	console.log(`   ${verdict}; ${calls.text}${took}`);
	if (cause) console.log(indent(report));
	else if (run === 1) console.log(`   first item: ${JSON.stringify(example.answered(result!.run)[0])}`);
	if (cause) problems.push(`${example.title}, run ${run}: ${cause}`);
	if (run > 1 && example.exchanges && calls.tokenCalls > 0) {
		problems.push(`${example.title}, run ${run}: ${calls.tokenCalls} token call(s), expected none (the stored token was not reused)`);
	}
	if (example.freshProofs !== undefined) problems.push(...freshProofProblems(example.freshProofs, calls.proofs ?? []).map((problem) => `${example.title}, run ${run}: ${problem}`));
	return problems;
}

/** One run; it fails with the cause n8n gave, and the report of what n8n said. */
async function executeAndJudge(n8n: DemoN8n, workflowId: string, example: Example): Promise<{ result?: Execution; cause: string; report: string }> {
	let result: Execution;
	try {
		result = await n8n.execute(workflowId);
	} catch (error) {
		return { cause: 'n8n gave no execution', report: (error as Error).message };
	}
	const cause = failureCause(result) || (example.answered(result.run).length ? '' : `n8n reported success, but node output has no items`);
	return { result, cause, report: cause ? describeExecution(result) : '' };
}

function indent(text: string): string {
	return text
		.split('\n')
		.map((line) => `      ${line}`)
		.join('\n');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

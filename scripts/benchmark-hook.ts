/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// Benchmark (not a test): the hook's own cost per request in one process, through n8n-core's
// request helpers (requestWithAuthentication, as the HTTP Request node) against the token lab's
// API. Rounds of --requests (default 10000, 50 in flight) alternate between a static header
// credential (what n8n's Header Auth does: no preAuthentication, header set by authenticate),
// Basic to Bearer and Password Grant. Prints requests per second per round, the median ratio to
// the static header and its spread, and the heap held per cached credential.
//   scripts/benchmark.sh --hook [--requests=10000] [--rounds=5]
import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions } from 'n8n-workflow';
import { BasicToBearerApi } from '../credentials/BasicToBearerApi.credentials';
import { PasswordGrantOAuth2Api } from '../credentials/PasswordGrantOAuth2Api.credentials';
import { labIssuedToken } from '../test/e2e/harness/lab-credentials';
import { n8nRequester, StoredCredential } from '../test/integration/support/n8n-request-harness';
import { startTokenLab } from '../test/servers/token-lab';

const arg = (name: string, fallback: number) => {
	const found = process.argv.find((a) => a.startsWith(`--${name}=`));
	return found ? Number(found.split('=')[1]) : fallback;
};
const REQUESTS = arg('requests', 10_000);
const ROUNDS = arg('rounds', 5);
const IN_FLIGHT = 50;

/** n8n's Header Auth in function form: a fixed header, nothing before the request. */
class StaticHeaderApi implements ICredentialType {
	name = 'staticHeaderApi';
	displayName = 'Static header (Header Auth equivalent)';
	properties = [{ displayName: 'Value', name: 'value', type: 'string' as const, default: '' }];
	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
		return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: String(credentials.value) } };
	}
}

async function main(): Promise<void> {
	const lab = await startTokenLab();
	const settings = { username: lab.settings.username, password: lab.settings.password };
	const cases = [
		{ label: 'static header', requester: n8nRequester(new StaticHeaderApi(), new StoredCredential({ value: `Bearer ${await labIssuedToken(lab)}` })) },
		{ label: 'Basic to Bearer', requester: n8nRequester(new BasicToBearerApi(), new StoredCredential({ ...settings, accessTokenUrl: lab.basicTokenUrl })) },
		{
			label: 'Password Grant',
			requester: n8nRequester(
				new PasswordGrantOAuth2Api(),
				new StoredCredential({ ...settings, clientId: lab.settings.clientId, clientSecret: lab.settings.clientSecret, accessTokenUrl: lab.oauthTokenUrl }),
			),
		},
	].map((c) => ({ ...c, rates: [] as number[] }));
	const round = async (requester: (typeof cases)[number]['requester'], n: number) => {
		let next = 0;
		const started = process.hrtime.bigint();
		await Promise.all(
			Array.from({ length: IN_FLIGHT }, async () => {
				while (next < n) {
					const i = next++;
					await requester.legacyRequest({ uri: `${lab.apiUrl}?item=${i}` }, 0);
				}
			}),
		);
		return (n * 1e9) / Number(process.hrtime.bigint() - started);
	};
	for (const c of cases) await round(c.requester, 1000); // warm-up, stores the tokens
	for (let r = 0; r < ROUNDS; r++) {
		const order = [...cases.slice(r % 3), ...cases.slice(0, r % 3)];
		for (const c of order) c.rates.push(await round(c.requester, REQUESTS));
	}
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
	console.log(`\nn8n-core request helpers, one process, ${REQUESTS} requests per round, ${IN_FLIGHT} in flight, ${ROUNDS} rounds alternating`);
	console.log('| credential | requests/s per round | median | ratio to static header (median of per-round ratios) | spread (min-max of per-round ratios) |');
	console.log('|---|---|---|---|---|');
	for (const c of cases) {
		const ratios = cases[0].rates.map((base, i) => base / c.rates[i]); // time ratio: > 1 is slower
		console.log(`| ${c.label} | ${c.rates.map((x) => x.toFixed(0)).join(', ')} | ${median(c.rates).toFixed(0)} | ${median(ratios).toFixed(3)} | ${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)} |`);
	}
	console.log(`token calls: Basic ${lab.counts.basicTokenCalls}, password grant ${lab.counts.oauthPasswordCalls}, refresh ${lab.counts.oauthRefreshCalls}; API rejected ${lab.counts.apiRejected}`);
	await memoryPerCredential(lab.basicTokenUrl, settings);
	await lab.close();
}

/** Heap held per cached credential: 2000 distinct Basic to Bearer credentials, one token each. */
async function memoryPerCredential(url: string, settings: { username: string; password: string }): Promise<void> {
	const type = new BasicToBearerApi();
	const gc = (globalThis as { gc?: () => void }).gc;
	const n = 2000;
	const heap = () => {
		gc?.();
		return process.memoryUsage().heapUsed;
	};
	const before = heap();
	for (let i = 0; i < n; i++) {
		// Distinct settings (a header differs) make distinct fingerprints, so each is cached apart.
		await n8nRequester(type, new StoredCredential({ ...settings, accessTokenUrl: url, headers: `{"x-n": "${i}"}` })).legacyRequest({ uri: url.replace('/basic/token', '/api/items') });
	}
	const after = heap();
	console.log(`memory: ${((after - before) / n).toFixed(0)} bytes of heap per cached credential (${n} credentials, ${gc ? 'after gc' : 'no --expose-gc: rough'})`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

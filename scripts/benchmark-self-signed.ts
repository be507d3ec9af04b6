/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// Benchmark (not a test): the cost the Self-Signed JWT API adds to one API request, per Signing
// Algorithm, in one process: `authenticate` as n8n calls it (settings read, cached by digest;
// claims; the compact JWS; the token placed on the request), with a new JWT per request and with
// JWT Reuse, and for the Coinbase preset the request binding read from the wire request. Median
// and 95th percentile of --samples (default 1000) after a warm-up.
//   scripts/benchmark.sh --self-signed [--samples=1000]
import { generateKeyPairSync } from 'crypto';
import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { authenticateWithSelfSignedJwt } from '../credentials/common/self-signed';

const arg = (name: string, fallback: number) => {
	const found = process.argv.find((a) => a.startsWith(`--${name}=`));
	return found ? Number(found.split('=')[1]) : fallback;
};
const SAMPLES = arg('samples', 1000);
const WARM_UP = 100;

const pem = (type: 'rsa' | 'ec' | 'ed25519', namedCurve?: string) =>
	(type === 'rsa'
		? generateKeyPairSync('rsa', { modulusLength: 2048 })
		: type === 'ec'
			? generateKeyPairSync('ec', { namedCurve: namedCurve as string })
			: generateKeyPairSync('ed25519')
	).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const rsa = pem('rsa');
const p256 = pem('ec', 'P-256');

const cases: Array<[string, string, IDataObject]> = [
	['HS256', 'secret, 32 bytes', { signingAlgorithm: 'HS256', secret: 's'.repeat(32) }],
	['HS384', 'secret, 48 bytes', { signingAlgorithm: 'HS384', secret: 's'.repeat(48) }],
	['HS512', 'secret, 64 bytes', { signingAlgorithm: 'HS512', secret: 's'.repeat(64) }],
	['RS256', 'RSA 2048', { signingAlgorithm: 'RS256', privateKey: rsa }],
	['RS384', 'RSA 2048', { signingAlgorithm: 'RS384', privateKey: rsa }],
	['RS512', 'RSA 2048', { signingAlgorithm: 'RS512', privateKey: rsa }],
	['PS256', 'RSA 2048', { signingAlgorithm: 'PS256', privateKey: rsa }],
	['ES256', 'EC P-256', { signingAlgorithm: 'ES256', privateKey: p256 }],
	['ES384', 'EC P-384', { signingAlgorithm: 'ES384', privateKey: pem('ec', 'P-384') }],
	['EdDSA', 'Ed25519', { signingAlgorithm: 'EdDSA', privateKey: pem('ed25519') }],
	['ES256, Coinbase preset (uri bound, nonce)', 'EC P-256', { preset: 'coinbase', privateKey: p256, keyId: 'organizations/o/apiKeys/k' }],
];

/** The request the HTTP Request node hands authenticate (legacy shape), fresh each time. */
const request = (): IHttpRequestOptions =>
	({ uri: 'https://api.example.com/v1/items?page=2', method: 'GET', qs: { size: 50 }, json: true, headers: {} }) as unknown as IHttpRequestOptions;

async function timeEach(count: number, work: () => Promise<unknown>): Promise<number[]> {
	for (let i = 0; i < WARM_UP; i++) await work();
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		const start = process.hrtime.bigint();
		await work();
		times.push(Number(process.hrtime.bigint() - start) / 1000);
	}
	return times.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const median = (sorted: number[]) => (sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2);

async function main(): Promise<void> {
	console.log(`node ${process.version}, ${SAMPLES} requests per case (after ${WARM_UP} warm-up), microseconds per authenticate call`);
	console.log('\n| Signing Algorithm | key | new JWT per request, median µs | p95 µs | JWT Reuse, median µs | p95 µs | JWT length |');
	console.log('|---|---|---|---|---|---|---|');
	for (const [label, key, fields] of cases) {
		let length = 0;
		const fresh = await timeEach(SAMPLES, async () => {
			const signed = await authenticateWithSelfSignedJwt(fields, request());
			length = String((signed.headers as Record<string, string>).Authorization).length - 'Bearer '.length;
		});
		const reusable = fields.preset === 'coinbase';
		const reused = reusable ? undefined : await timeEach(SAMPLES, async () => await authenticateWithSelfSignedJwt({ ...fields, jwtReuse: 'reuseUntilExpiry' }, request()));
		const reuseCells = reused === undefined ? 'n/a (a JWT per request) | n/a' : `${median(reused).toFixed(1)} | ${quantile(reused, 0.95).toFixed(1)}`;
		console.log(`| ${label} | ${key} | ${median(fresh).toFixed(1)} | ${quantile(fresh, 0.95).toFixed(1)} | ${reuseCells} | ${length} |`);
	}
}

void main();

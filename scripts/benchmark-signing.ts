/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// Benchmark (not a test): the cost of signing one request in `authenticate`, in one process, per
// scheme: the request n8n hands the hook (the HTTP Request node's legacy shape with a query and a
// 1 KB JSON body) pinned to its wire form and signed, headers and query added. Median and 95th
// percentile of --samples (default 1000) after a warm-up, each call timed alone; reading the
// credential's fields (done on every request) is included. Placing a static header (what Header
// Auth does) is the baseline.
//   scripts/benchmark.sh --signing [--samples=1000]
import { authorizationPlacement } from '../credentials/common/fields';
import { placeToken } from '../credentials/common/placement';
import { signRequest, type RequestSigner } from '../credentials/common/signing';
import { readHmacSigner } from '../credentials/common/signing/hmac';
import { readSigV4Signer } from '../credentials/common/signing/sigv4';
import { median, quantile, timeEach } from './benchmark-timing';

const arg = (name: string, fallback: number) => {
	const found = process.argv.find((a) => a.startsWith(`--${name}=`));
	return found ? Number(found.split('=')[1]) : fallback;
};
const SAMPLES = arg('samples', 1000);
const WARM_UP = 200;

const body = { items: Array.from({ length: 20 }, (_, i) => ({ id: i, name: `item number ${i}`, note: 'x'.repeat(16) })) };
const request = () => ({ uri: 'https://api.example.com/v1/orders?page=2', method: 'POST', qs: { q: 'a b', list: ['1', '2'] }, body: structuredClone(body), json: true });


function main(): void {
	console.log(`node ${process.version}, ${SAMPLES} requests per scheme (after ${WARM_UP} warm-up), JSON body ${JSON.stringify(body).length} bytes, microseconds`);
	console.log('\n| scheme | read fields + pin + sign one request, median µs | p95 µs |');
	console.log('|---|---|---|');
	const cases: Array<[string, () => RequestSigner | undefined]> = [
		['static header (what Header Auth does), baseline', () => undefined],
		['HMAC-SHA256 (Custom: method, path with query, timestamp, nonce, body hash)', () =>
			readHmacSigner({ preset: 'custom', apiKey: 'k', secret: 'a-secret-of-some-length', keyEncoding: 'text', algorithm: 'sha256', stringToSign: '{method}\\n{pathWithQuery}\\n{timestamp}\\n{nonce}\\n{bodyHash}', timestampFormat: 'unixSeconds', signatureEncoding: 'hex', signaturePlacement: 'header', signatureName: 'X-Signature', apiKeyPlacement: 'header', apiKeyName: 'X-Api-Key', timestampPlacement: 'header', timestampName: 'X-Timestamp', noncePlacement: 'header', nonceName: 'X-Nonce' })],
		['HMAC-SHA512 (Kraken: nonce in the body, SHA-256 then HMAC-SHA512)', () => readHmacSigner({ preset: 'kraken', apiKey: 'k', secret: Buffer.from('kraken-secret').toString('base64') })],
		['AWS Signature V4 (signed payload)', () => readSigV4Signer({ accessKeyId: 'AKIA', secretAccessKey: 'secret', sessionToken: '', region: 'eu-west-1', service: 'execute-api', payloadSigning: 'signed' })],
	];
	for (const [name, readSigner] of cases) {
		const times = timeEach(SAMPLES, WARM_UP, () => {
			const options = request();
			const signer = readSigner();
			if (signer === undefined) return placeToken(options as never, authorizationPlacement({}), 'static-token');
			return signRequest(options, signer);
		});
		console.log(`| ${name} | ${median(times).toFixed(1)} | ${quantile(times, 0.95).toFixed(1)} |`);
	}
}

main();

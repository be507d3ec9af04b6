/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// Benchmark (not a test): the cost of building and signing one client assertion with the package's
// signer (credentials/common/assertion, node:crypto), per algorithm, in one process: claims
// (iss, sub, aud, fresh jti, iat, exp) + compact JWS. Median and 95th percentile of --samples
// (default 1000) after a warm-up; reading the Private Key field (done on every settings read; the parsed key is cached by a digest
// of its text) is timed apart.
//   scripts/benchmark.sh --assertion [--samples=1000]
import { generateKeyPairSync } from 'crypto';
import {
	clientAssertionClaims,
	privateSigningKey,
	secretSigningKey,
	signJwt,
	type AssertionKey,
	type AsymmetricAlgorithm,
} from '../credentials/common/assertion';
import { median, quantile, timeEach } from './benchmark-timing';

const arg = (name: string, fallback: number) => {
	const found = process.argv.find((a) => a.startsWith(`--${name}=`));
	return found ? Number(found.split('=')[1]) : fallback;
};
const SAMPLES = arg('samples', 1000);
const WARM_UP = 100;
const AUDIENCE = 'https://auth.example.com/oauth2/token';

const rsaPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const ecPem = (namedCurve: string) => generateKeyPairSync('ec', { namedCurve }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PEM_FOR: Record<AsymmetricAlgorithm, string> = {
	RS256: rsaPem,
	RS384: rsaPem,
	RS512: rsaPem,
	PS256: rsaPem,
	ES256: ecPem('P-256'),
	ES384: ecPem('P-384'),
};


function main(): void {
	console.log(`node ${process.version}, ${SAMPLES} assertions per algorithm (after ${WARM_UP} warm-up), microseconds`);
	console.log('\n| Signing Algorithm | key | build + sign one assertion, median µs | p95 µs | assertion length | read the Private Key field again (parsed keys are cached by digest), median µs |');
	console.log('|---|---|---|---|---|---|');
	const cases: Array<[AsymmetricAlgorithm | 'HS256', string]> = [
		['RS256', 'RSA 2048'],
		['RS384', 'RSA 2048'],
		['RS512', 'RSA 2048'],
		['PS256', 'RSA 2048'],
		['ES256', 'EC P-256'],
		['ES384', 'EC P-384'],
		['HS256', 'client secret (Client Secret JWT)'],
	];
	for (const [algorithm, keyText] of cases) {
		const readKey = (): AssertionKey =>
			algorithm === 'HS256'
				? secretSigningKey('a-client-secret-of-forty-eight-characters-length')
				: privateSigningKey({ privateKey: PEM_FOR[algorithm], algorithm, keyId: 'bench-key' });
		const key = readKey();
		let length = 0;
		const signing = timeEach(SAMPLES, WARM_UP, () => (length = signJwt(clientAssertionClaims('bench-client', AUDIENCE), key).length));
		const reading = timeEach(Math.min(SAMPLES, 200), WARM_UP, readKey);
		console.log(
			`| ${algorithm} | ${keyText} | ${median(signing).toFixed(1)} | ${quantile(signing, 0.95).toFixed(1)} | ${length} | ${median(reading).toFixed(1)} |`,
		);
	}
}

main();

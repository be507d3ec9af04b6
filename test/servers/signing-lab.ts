/**
 * Signing lab: an API on 127.0.0.1 that checks each request's signature from the raw bytes it
 * received, as each provider documents it, refuses stale timestamps and reused nonces or
 * signatures, and records a verdict per request. The first path segment names the scheme:
 *   /binance/...  HMAC-SHA256 over query + body, `signature` last, X-MBX-APIKEY, recvWindow
 *   /okx/...      OK-ACCESS-* headers, base64 HMAC-SHA256 over timestamp + method + target + body
 *   /kraken/...   API-Key / API-Sign, HMAC-SHA512 of path + SHA-256(nonce + body), nonce growing
 *   /aws/...      Signature V4 recomputed by AWS's @smithy/signature-v4 (test/support/smithy-sigv4.ts).
 *                 No S3 server from npm checks V4 signatures: s3rver 3.7.1 accepts any (its
 *                 authentication middleware: "Signature version 4 calculation is unimplemented"),
 *                 and Scality's @zenko/cloudserver installs its parts from GitHub, not the registry.
 *   /rfc9421/...  RFC 9421 signatures verified by the http-message-signatures package (ed25519)
 *   /static/...   no signature: a fixed `Authorization: Bearer` token (a Header Auth baseline on this server)
 * `lab.failFirst(path)` answers 503 to the first correctly signed request on that path (Retry On Fail).
 *
 *   const lab = await startSigningLab();   // lab.url, lab.verdicts, lab.keys
 */
import { createHash, createHmac, generateKeyPairSync } from 'crypto';
import { createVerifier, httpbis } from 'http-message-signatures';

import { awsExpectedAuthorization } from '../support/smithy-sigv4';
import { startRawRecorder, type RawAnswer, type RawRequest } from './raw-recorder';

export const SIGNING_LAB_KEYS = {
	binance: { apiKey: 'binance-key', secret: 'binance-secret-text' },
	okx: { apiKey: 'okx-key', secret: 'okx-secret', passphrase: 'okx pass' },
	kraken: { apiKey: 'kraken-key', secret: Buffer.from('kraken secret bytes, 64 of them at most...').toString('base64') },
	aws: { accessKeyId: 'AKIALAB', secretAccessKey: 'lab/secret+key', sessionToken: 'lab-session-token' },
	static: { token: 'signing-lab-static-token' },
};

const FRESH_MS = 60_000;

export interface Verdict {
	scheme: string;
	method: string;
	target: string;
	body: string;
	ok: boolean;
	reason: string;
	/** What made this request unique (nonce, timestamp, signature): a retry must change it. */
	proof: string;
	status: number;
}

export interface SigningLab {
	url: string;
	verdicts: Verdict[];
	/** RFC 9421's ed25519 key pair: the private key for the credential (PEM), the public key for checking. */
	rfc9421PrivateKeyPem: string;
	failFirst(path: string): void;
	reset(): void;
	close(): Promise<void>;
}

/** Stops by itself after `maxLifetimeMs` (default 30 min) so a crashed run never leaves it behind. */
export async function startSigningLab(options: { maxLifetimeMs?: number } = {}): Promise<SigningLab> {
	const recorder = await startRawRecorder(options.maxLifetimeMs);
	const { privateKey, publicKey } = generateKeyPairSync('ed25519');
	const seenProofs = new Set<string>();
	let lastKrakenNonce = 0n;
	const failFirstPaths = new Set<string>();
	const lab: SigningLab = {
		url: recorder.url,
		verdicts: [],
		rfc9421PrivateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
		failFirst: (path) => failFirstPaths.add(path),
		reset: () => {
			lab.verdicts.length = 0;
			failFirstPaths.clear();
		},
		close: async () => await recorder.close(),
	};

	const verifiers: Record<string, (request: RawRequest) => Promise<{ reason: string; proof: string }>> = {
		binance: async (request) => {
			const keys = SIGNING_LAB_KEYS.binance;
			const [, query = ''] = split(request.target, '?');
			const match = /^(.*)&signature=([0-9a-f]{64})$/.exec(query);
			if (match === null) return { reason: 'signature is not the last query parameter', proof: '' };
			const [, signedQuery, signature] = match;
			const params = new URLSearchParams(`${signedQuery}&${request.body.toString()}`);
			if (request.headers['x-mbx-apikey'] !== keys.apiKey) return { reason: 'wrong X-MBX-APIKEY', proof: signature };
			const expected = createHmac('sha256', keys.secret).update(`${signedQuery}${request.body.toString()}`).digest('hex');
			if (signature !== expected) return { reason: 'signature mismatch', proof: signature };
			const window = Number(params.get('recvWindow') ?? '5000');
			return { reason: freshness(Number(params.get('timestamp')), window), proof: signature };
		},
		okx: async (request) => {
			const keys = SIGNING_LAB_KEYS.okx;
			const timestamp = String(request.headers['ok-access-timestamp']);
			const signature = String(request.headers['ok-access-sign']);
			if (request.headers['ok-access-key'] !== keys.apiKey || request.headers['ok-access-passphrase'] !== keys.passphrase) return { reason: 'wrong key or passphrase', proof: signature };
			const expected = createHmac('sha256', keys.secret).update(`${timestamp}${request.method}${request.target}${request.body.toString()}`).digest('base64');
			if (signature !== expected) return { reason: 'signature mismatch', proof: signature };
			if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(timestamp)) return { reason: 'timestamp not ISO 8601 with milliseconds', proof: signature };
			return { reason: freshness(Date.parse(timestamp)), proof: signature };
		},
		kraken: async (request) => {
			const keys = SIGNING_LAB_KEYS.kraken;
			const body = request.body.toString();
			const nonce = new URLSearchParams(body).get('nonce') ?? '';
			const [path] = split(request.target, '?');
			const digest = createHash('sha256').update(nonce + body).digest();
			const expected = createHmac('sha512', Buffer.from(keys.secret, 'base64')).update(Buffer.concat([Buffer.from(path), digest])).digest('base64');
			if (request.headers['api-key'] !== keys.apiKey) return { reason: 'wrong API-Key', proof: nonce };
			if (request.headers['api-sign'] !== expected) return { reason: 'signature mismatch', proof: nonce };
			if (!/^\d+$/.test(nonce) || BigInt(nonce) <= lastKrakenNonce) return { reason: 'nonce not increasing', proof: nonce };
			lastKrakenNonce = BigInt(nonce);
			return { reason: freshness(Number(nonce)), proof: nonce };
		},
		aws: async (request) => {
			const authorization = String(request.headers.authorization ?? '');
			const expected = await awsExpectedAuthorization(request, SIGNING_LAB_KEYS.aws);
			if (authorization !== expected) return { reason: `signature mismatch (${expected.slice(0, 60)})`, proof: authorization };
			if (request.headers['x-amz-security-token'] !== SIGNING_LAB_KEYS.aws.sessionToken) return { reason: 'wrong session token', proof: authorization };
			const amzDate = String(request.headers['x-amz-date']);
			const when = Date.parse(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
			const hash = request.headers['x-amz-content-sha256'];
			if (hash !== undefined && hash !== 'UNSIGNED-PAYLOAD' && hash !== createHash('sha256').update(request.body).digest('hex')) return { reason: 'x-amz-content-sha256 mismatch', proof: authorization };
			return { reason: freshness(when, FRESH_MS, 1000), proof: authorization };
		},
		// Nothing unique per request (proof ''), so the same header is never taken for a replay.
		static: async (request) => ({
			reason: request.headers.authorization === `Bearer ${SIGNING_LAB_KEYS.static.token}` ? '' : 'wrong static token',
			proof: '',
		}),
		rfc9421: async (request) => {
			let params: Record<string, unknown> = {};
			const headers: Record<string, string> = {};
			for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
			const verified = await httpbis
				.verifyMessage(
					{
						keyLookup: async (found) => {
							params = found as Record<string, unknown>;
							return found.keyid === 'lab-ed25519' ? { id: 'lab-ed25519', algs: ['ed25519'], verify: createVerifier(publicKey, 'ed25519') } : null;
						},
						requiredFields: ['@method', '@authority', '@path', '@query', 'content-digest'],
					},
					{ method: request.method, url: `http://${request.host}${request.target}`, headers },
				)
				.catch(() => false);
			const nonce = String(params.nonce ?? '');
			if (verified !== true) return { reason: 'signature not verified by http-message-signatures', proof: nonce };
			if (headers['content-digest'] !== `sha-256=:${createHash('sha256').update(request.body).digest('base64')}:`) return { reason: 'content-digest mismatch', proof: nonce };
			const created = params.created instanceof Date ? params.created.getTime() : Number(params.created) * 1000;
			return { reason: freshness(created, FRESH_MS, 1000), proof: nonce };
		},
	};

	const verify = async (request: RawRequest): Promise<RawAnswer> => {
		const scheme = request.target.split('/')[1] ?? '';
		const verifier = verifiers[scheme];
		const verdict = verifier === undefined ? { reason: `no scheme ${scheme}`, proof: '' } : await verifier(request);
		const proof = verdict.proof;
		let reason = verdict.reason;
		if (reason === '' && seenProofs.has(`${scheme} ${proof}`)) reason = 'replayed: nonce or signature already used';
		if (proof !== '') seenProofs.add(`${scheme} ${proof}`);
		const [path] = split(request.target, '?');
		let status = reason === '' ? 200 : 401;
		if (status === 200 && failFirstPaths.delete(path)) status = 503;
		lab.verdicts.push({ scheme, method: request.method, target: request.target, body: request.body.toString(), ok: reason === '', reason, proof, status });
		return { status, body: status === 200 ? { ok: true, scheme, target: request.target } : { error: reason || 'try again' } };
	};

	recorder.answer = verify;
	return lab;
}

/** '' when `when` (ms) is within `window` of now; a reason otherwise. */
function freshness(when: number, window = FRESH_MS, slack = 0): string {
	if (!Number.isFinite(when)) return 'no timestamp';
	const age = Date.now() - when;
	return age > window + slack || age < -window - slack ? `stale timestamp (${age} ms)` : '';
}

function split(text: string, separator: string): [string, string?] {
	const index = text.indexOf(separator);
	return index === -1 ? [text] : [text.slice(0, index), text.slice(index + 1)];
}

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * Self-signed JWT lab: an API on 127.0.0.1 that verifies the JWT of every request with `jose`,
 * the way the providers do, one route per provider style (the first path segment):
 *
 *   /hs256/...    HS256 secret, Authorization: Bearer, iss and aud checked, a replayed jti refused
 *   /query/...    ES256, the JWT in the query parameter `jwt`, a replayed jti refused
 *   /header/...   EdDSA (Ed25519), the JWT in the header X-JWT
 *   /coinbase/... ES256 with a Coinbase-style key; iss "cdp", sub = kid = the key name, at most
 *                 120 s from nbf to exp, a replayed header nonce refused, and the uri claim
 *                 compared with the raw request line: `${method} ${Host header}${path of the target}`
 *   /ghost/...    HS256 with the hex-decoded Admin API secret, Authorization: Ghost, kid = id,
 *                 aud /admin/, at most 5 minutes (Ghost's own maxAge check)
 *   /apple/...    ES256, kid, iss, aud appstoreconnect-v1, at most 20 minutes
 *   /google/...   RS256, kid, iss = sub = the service account, aud = the lab's API URL
 *   /atlassian/...  the product of an Atlassian Connect installation whose baseUrl is `${url}/atlassian`
 *                 (as Confluence's is `.../wiki`): HS256 with the sharedSecret, Authorization: JWT,
 *                 iss = the app key, and the qsh claim compared with the query string hash
 *                 Atlassian's own library (atlassian-jwt) computes from the raw request line
 *
 * Every request is recorded with its verdict (what the server saw, decoded, and why it refused);
 * the JWT itself is kept so tests can compare distinct JWTs. Answers 200 {ok, route, jti} or 401
 * {error}. A free port; stops by itself after `maxLifetimeMs` (default 30 minutes).
 *
 *   const lab = await startSelfSignedJwtLab();   // lab.url, lab.keys, lab.seen, lab.accepted(route)
 */
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'crypto';
import { createServer, type IncomingMessage } from 'http';
import type { AddressInfo } from 'net';
import { createQueryStringHash, fromMethodAndUrl } from 'atlassian-jwt';
import { decodeProtectedHeader, jwtVerify, type JWTHeaderParameters, type JWTPayload } from 'jose';

export type LabRoute = 'hs256' | 'query' | 'header' | 'coinbase' | 'ghost' | 'apple' | 'google' | 'atlassian';

export interface SeenRequest {
	route: string;
	method: string;
	/** The request line's target as sent. */
	target: string;
	host: string;
	jwt?: string;
	header?: JWTHeaderParameters;
	payload?: JWTPayload;
	accepted: boolean;
	reason?: string;
}

export interface SelfSignedJwtLabKeys {
	hs256Secret: string;
	es256Pem: string;
	ed25519Pem: string;
	/** Coinbase's key JSON: {name, privateKey} with an EC key in SEC1 PEM. */
	coinbaseKeyJson: string;
	coinbaseKeyName: string;
	/** Ghost's Admin API key: 24 hex id, ":", 64 hex secret. */
	ghostAdminKey: string;
	appleP8: string;
	appleKeyId: string;
	appleIssuer: string;
	/** A Google service-account key JSON. */
	googleKeyJson: string;
	googleClientEmail: string;
	/** The JSON an Atlassian Connect app's installed lifecycle call receives: key, clientKey, sharedSecret, baseUrl. */
	atlassianInstallation: string;
	atlassianSharedSecret: string;
}

export interface SelfSignedJwtLab {
	url: string;
	keys: SelfSignedJwtLabKeys;
	/** The iss and aud the /hs256 route wants. */
	hs256: { issuer: string; audience: string };
	seen: SeenRequest[];
	accepted(route: LabRoute): SeenRequest[];
	refused(route: LabRoute): SeenRequest[];
	reset(): void;
	close(): Promise<void>;
}

interface RouteRule {
	key: KeyObject | Uint8Array;
	algorithms: string[];
	token(req: IncomingMessage, url: URL): string | undefined;
	issuer?: string;
	subject?: string;
	audience?: string;
	kid?: string;
	maxLifetime?: number;
	replay?: 'jti' | 'nonce';
	boundBy?: 'uri' | 'qsh';
}

const bearer = (prefix: string) => (req: IncomingMessage) => {
	const value = req.headers.authorization ?? '';
	return value.startsWith(prefix) ? value.slice(prefix.length) : undefined;
};

export async function startSelfSignedJwtLab(options: { maxLifetimeMs?: number } = {}): Promise<SelfSignedJwtLab> {
	const hs256Secret = randomBytes(32).toString('base64url').slice(0, 40);
	const es256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const ed25519 = generateKeyPairSync('ed25519');
	const coinbase = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const apple = generateKeyPairSync('ec', { namedCurve: 'P-256' });
	const google = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const ghostId = randomBytes(12).toString('hex');
	const ghostSecret = randomBytes(32);
	const coinbaseKeyName = `organizations/${randomBytes(8).toString('hex')}/apiKeys/${randomBytes(8).toString('hex')}`;
	const googleClientEmail = 'n8n-lab@example-project.iam.gserviceaccount.com';
	const googleKeyId = randomBytes(10).toString('hex');
	const atlassianSharedSecret = randomBytes(32).toString('base64url');
	const atlassianAppKey = 'com.example.n8n-lab';
	let url = '';
	const pkcs8 = (key: KeyObject) => key.export({ type: 'pkcs8', format: 'pem' }) as string;
	const keys: SelfSignedJwtLabKeys = {
		hs256Secret,
		es256Pem: pkcs8(es256.privateKey),
		ed25519Pem: pkcs8(ed25519.privateKey),
		coinbaseKeyJson: JSON.stringify({ name: coinbaseKeyName, privateKey: coinbase.privateKey.export({ type: 'sec1', format: 'pem' }) }),
		coinbaseKeyName,
		ghostAdminKey: `${ghostId}:${ghostSecret.toString('hex')}`,
		appleP8: pkcs8(apple.privateKey),
		appleKeyId: 'LAB2X9R4HX',
		appleIssuer: '57246542-96fe-1a63-e053-0824d011072a',
		googleKeyJson: JSON.stringify({ type: 'service_account', private_key_id: googleKeyId, private_key: pkcs8(google.privateKey), client_email: googleClientEmail }),
		googleClientEmail,
		atlassianSharedSecret,
		get atlassianInstallation() {
			return JSON.stringify({ key: atlassianAppKey, clientKey: 'lab-client-key', sharedSecret: atlassianSharedSecret, baseUrl: `${url}/atlassian`, productType: 'jira', eventType: 'installed' });
		},
	};
	const hs256 = { issuer: 'n8n-lab', audience: 'https://lab.example/api' };
	const rules: Record<LabRoute, RouteRule> = {
		hs256: { key: Buffer.from(hs256Secret), algorithms: ['HS256'], token: bearer('Bearer '), ...hs256, replay: 'jti' },
		query: { key: es256.publicKey, algorithms: ['ES256'], token: (_req, target) => target.searchParams.get('jwt') ?? undefined, replay: 'jti' },
		header: { key: ed25519.publicKey, algorithms: ['EdDSA'], token: (req) => req.headers['x-jwt'] as string | undefined },
		coinbase: {
			key: coinbase.publicKey, algorithms: ['ES256', 'EdDSA'], token: bearer('Bearer '), issuer: 'cdp', subject: coinbaseKeyName, kid: coinbaseKeyName,
			maxLifetime: 120, replay: 'nonce', boundBy: 'uri',
		},
		ghost: { key: ghostSecret, algorithms: ['HS256'], token: bearer('Ghost '), audience: '/admin/', kid: ghostId, maxLifetime: 300 },
		apple: { key: apple.publicKey, algorithms: ['ES256'], token: bearer('Bearer '), issuer: keys.appleIssuer, audience: 'appstoreconnect-v1', kid: keys.appleKeyId, maxLifetime: 1200 },
		google: { key: google.publicKey, algorithms: ['RS256'], token: bearer('Bearer '), issuer: googleClientEmail, subject: googleClientEmail, kid: googleKeyId, maxLifetime: 3600 },
		atlassian: { key: Buffer.from(atlassianSharedSecret), algorithms: ['HS256'], token: bearer('JWT '), issuer: atlassianAppKey, maxLifetime: 3600, boundBy: 'qsh' },
	};
	const usedIds = new Set<string>();
	const seen: SeenRequest[] = [];

	async function judge(req: IncomingMessage): Promise<SeenRequest> {
		const target = req.url ?? '/';
		const parsed = new URL(target, 'http://lab.invalid');
		const route = parsed.pathname.split('/')[1] ?? '';
		const record: SeenRequest = { route, method: req.method ?? '', target, host: req.headers.host ?? '', accepted: false };
		const rule = rules[route as LabRoute];
		if (rule === undefined) return { ...record, reason: 'no such route' };
		const jwt = rule.token(req, parsed);
		if (jwt === undefined) return { ...record, reason: 'no JWT where this route reads it' };
		record.jwt = jwt;
		try {
			const { payload, protectedHeader } = await jwtVerify(jwt, rule.key, {
				algorithms: rule.algorithms,
				issuer: rule.issuer,
				subject: rule.subject,
				audience: rule.audience,
			});
			Object.assign(record, { payload, header: protectedHeader });
		} catch (error) {
			return { ...record, header: safeHeader(jwt), reason: `jose: ${(error as Error).message}` };
		}
		const { payload, header } = record as Required<SeenRequest>;
		const start = payload.nbf ?? payload.iat;
		if (rule.kid !== undefined && header.kid !== rule.kid) return { ...record, reason: 'kid is not the key\'s' };
		if (rule.maxLifetime !== undefined && (start === undefined || payload.exp === undefined || payload.exp - start > rule.maxLifetime)) {
			return { ...record, reason: `lifetime over ${rule.maxLifetime} s` };
		}
		if (rule.boundBy === 'uri') {
			const expected = `${record.method} ${record.host}${parsed.pathname}`;
			if (payload.uri !== expected) return { ...record, reason: `uri ${String(payload.uri)} is not the request line's ${expected}` };
		}
		if (rule.boundBy === 'qsh') {
			const expected = createQueryStringHash(fromMethodAndUrl(record.method, `http://${record.host}${target}`), false, `${url}/atlassian`);
			if (payload.qsh !== expected) return { ...record, reason: `qsh ${String(payload.qsh)} is not atlassian-jwt's ${expected} for ${record.method} ${target}` };
		}
		if (rule.replay !== undefined) {
			const id = rule.replay === 'jti' ? payload.jti : (header.nonce as string | undefined);
			if (typeof id !== 'string' || id === '') return { ...record, reason: `no ${rule.replay}` };
			const seenKey = `${route}:${createHash('sha256').update(id).digest('hex')}`;
			if (usedIds.has(seenKey)) return { ...record, reason: `${rule.replay} replayed` };
			usedIds.add(seenKey);
		}
		return { ...record, accepted: true };
	}

	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			void judge(req).then((record) => {
				seen.push(record);
				res.writeHead(record.accepted ? 200 : 401, { 'content-type': 'application/json' });
				res.end(JSON.stringify(record.accepted ? { ok: true, route: record.route, jti: record.payload?.jti ?? null } : { error: record.reason }));
			});
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	server.keepAliveTimeout = 1;
	const stopTimer = setTimeout(() => server.close(), options.maxLifetimeMs ?? 30 * 60_000);
	stopTimer.unref();
	server.on('close', () => clearTimeout(stopTimer));
	return {
		url,
		keys,
		hs256,
		seen,
		accepted: (route) => seen.filter((record) => record.route === route && record.accepted),
		refused: (route) => seen.filter((record) => record.route === route && !record.accepted),
		reset: () => {
			seen.length = 0;
		},
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

function safeHeader(jwt: string): JWTHeaderParameters | undefined {
	try {
		return decodeProtectedHeader(jwt) as JWTHeaderParameters;
	} catch {
		return undefined;
	}
}

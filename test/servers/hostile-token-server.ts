/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * A deliberately hostile token endpoint on 127.0.0.1. One port speaks both http and https (the
 * first byte of a connection tells a TLS handshake from a plain request), so a redirect from
 * http to https on the same host and port can be tested without privileged ports.
 *
 *   /token                     a good answer: {"access_token":"hostile-ok-N","expires_in":3600}
 *   /redirect?status=&to=      a redirect (to may be relative or absolute)
 *   /turncoat?status=&to=      a good answer the first time, that redirect every later time
 *   /token-with?char=0d        a token with that character (hex code point) inside it
 *   /token-lifetime?value=J    a good token with expires_in set to the JSON value J
 *   /big-token?chars=N         a token of N characters, streamed
 *   /gzip-bomb?mb=N            a gzip answer that inflates to N MB (a few hundred KB on the wire)
 *   /trickle?everyMs=N         200, then one byte every N ms (at most 120 bytes)
 *   /endless                   200, then 64 KB chunks until the client leaves (at most 4 GB)
 *   /api                       an API that accepts any "Bearer hostile-ok-..." token
 *
 * Every request is recorded with its headers and body, so a test can prove what reached it, and
 * every streamed answer (big token, gzip, trickle, endless) with the bytes written and whether the
 * client closed the connection before the answer was complete.
 * The server stops by itself after `maxLifetimeMs` so a crashed test never leaves it behind.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'http';
import { createServer as createHttpsServer } from 'https';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { createGzip } from 'zlib';

export interface RecordedRequest {
	protocol: 'http' | 'https';
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** One streamed answer as the server wrote it. */
export interface StreamedAnswer {
	path: string;
	/** Body bytes written so far (for the gzip answer: before compression). */
	bytes: number;
	/** 'client-left': the client closed the connection before the server had written the whole answer. */
	end: 'writing' | 'complete' | 'client-left';
}

export interface HostileServer {
	/** http://127.0.0.1:PORT */
	url: string;
	/** https://127.0.0.1:PORT (the same port; self-signed certificate) */
	httpsUrl: string;
	/** Every request received, in order, with headers and body. */
	requests: RecordedRequest[];
	/** TLS handshakes started on the port (a client that refused the certificate sends no request). */
	tlsConnections: number;
	/** The streamed answers (big token, gzip, trickle, endless), in order. */
	streams: StreamedAnswer[];
	/**
	 * The streamed answers once each has ended: the client's hang-up reaches the server a moment
	 * after the client gave up, so a test waits for it here (bounded by the test's own timeout).
	 */
	streamsEnded(): Promise<StreamedAnswer[]>;
	/** TCP connections accepted on the port, whatever was sent on them. */
	connections: number;
	/** Bytes the slow and endless answers wrote before the client went away. */
	streamedBytes: number;
	close(): Promise<void>;
}

export const TRICKLE_MAX_BYTES = 120;
const ENDLESS_MAX_BYTES = 4 * 1024 ** 3;
const ENDLESS_CHUNK = Buffer.alloc(64 * 1024, 'a');

export async function startHostileServer(options: { maxLifetimeMs?: number } = {}): Promise<HostileServer> {
	const requests: RecordedRequest[] = [];
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let issued = 0;
	const streams: StreamedAnswer[] = [];
	const streamEnds: Promise<void>[] = [];
	const state = { tlsConnections: 0, connections: 0, streamedBytes: 0 };

	/** Records a streamed answer; registered first, so it sees the connection close before the answer's own handlers. */
	const recordStream = (res: ServerResponse, path: string): StreamedAnswer => {
		const stream: StreamedAnswer = { path, bytes: 0, end: 'writing' };
		streams.push(stream);
		const ended = new Promise<void>((resolve) =>
			res.on('close', () => {
				stream.end = res.writableEnded ? 'complete' : 'client-left';
				resolve();
			}),
		);
		streamEnds.push(ended);
		return stream;
	};

	const handle = (protocol: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			requests.push({ protocol, method: req.method ?? '', path: url.pathname + url.search, headers: { ...req.headers }, body: Buffer.concat(chunks).toString() });
			route(url, res);
		});
	};

	const json = (res: ServerResponse, status: number, body: unknown) => {
		res.writeHead(status, { 'content-type': 'application/json' });
		res.end(JSON.stringify(body));
	};

	const route = (url: URL, res: ServerResponse) => {
		const query = url.searchParams;
		switch (url.pathname) {
			case '/token':
				return json(res, 200, { access_token: `hostile-ok-${++issued}`, expires_in: 3600 });
			case '/redirect':
				res.writeHead(Number(query.get('status') ?? 302), { location: query.get('to') ?? '/token' });
				return res.end();
			case '/turncoat':
				if (requests.filter((r) => r.path.startsWith('/turncoat')).length === 1) {
					return json(res, 200, { access_token: `hostile-ok-${++issued}`, expires_in: 3600 });
				}
				res.writeHead(Number(query.get('status') ?? 307), { location: query.get('to') ?? '/token' });
				return res.end();
			case '/token-with':
				return json(res, 200, { access_token: `abc${String.fromCharCode(parseInt(query.get('char') ?? '0', 16))}def`, expires_in: 3600 });
			case '/token-lifetime':
				return json(res, 200, { access_token: `hostile-ok-${++issued}`, expires_in: JSON.parse(query.get('value') ?? 'null') });
			case '/big-token':
				return streamBigToken(res, recordStream(res, url.pathname), Number(query.get('chars') ?? 0));
			case '/gzip-bomb':
				return gzipBomb(res, recordStream(res, url.pathname), Number(query.get('mb') ?? 200));
			case '/trickle':
				return trickle(res, recordStream(res, url.pathname), Number(query.get('everyMs') ?? 2000));
			case '/endless':
				return endless(res, recordStream(res, url.pathname));
			case '/api': {
				const authorization = String(requests[requests.length - 1].headers.authorization ?? '');
				return /^Bearer hostile-ok-\d+$/.test(authorization) ? json(res, 200, { ok: true }) : json(res, 401, { error: 'invalid_token' });
			}
			default:
				return json(res, 404, { error: 'not_found' });
		}
	};

	/** A JSON answer whose token is `chars` long, written with backpressure (never held whole). */
	const streamBigToken = (res: ServerResponse, stream: StreamedAnswer, chars: number) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.write('{"access_token":"');
		let left = chars;
		const pump = () => {
			while (left > 0) {
				const size = Math.min(left, ENDLESS_CHUNK.length);
				left -= size;
				stream.bytes += size;
				if (!res.write(ENDLESS_CHUNK.subarray(0, size))) return void res.once('drain', pump);
			}
			res.end('","expires_in":3600}');
		};
		res.on('close', () => (left = 0));
		pump();
	};

	/** gzip of N MB of "a", compressed as it is sent (a few hundred KB on the wire). */
	const gzipBomb = (res: ServerResponse, stream: StreamedAnswer, mb: number) => {
		res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
		const gzip = createGzip({ level: 9 });
		gzip.pipe(res);
		let left = mb * 1024 * 1024;
		const pump = () => {
			while (left > 0) {
				const size = Math.min(left, ENDLESS_CHUNK.length);
				left -= size;
				stream.bytes += size;
				if (!gzip.write(ENDLESS_CHUNK.subarray(0, size))) return void gzip.once('drain', pump);
			}
			gzip.end();
		};
		res.on('close', () => {
			left = 0;
			gzip.destroy();
		});
		pump();
	};

	const trickle = (res: ServerResponse, stream: StreamedAnswer, everyMs: number) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		res.write('{');
		stream.bytes = 1;
		const timer = setInterval(() => {
			if (stream.bytes >= TRICKLE_MAX_BYTES) return stop();
			stream.bytes++;
			res.write(' ');
		}, everyMs);
		timers.add(timer);
		const stop = () => {
			clearInterval(timer);
			timers.delete(timer);
			res.end();
		};
		res.on('close', stop);
	};

	const endless = (res: ServerResponse, stream: StreamedAnswer) => {
		res.writeHead(200, { 'content-type': 'application/json' });
		let open = true;
		res.on('close', () => (open = false));
		const pump = () => {
			while (open && stream.bytes < ENDLESS_MAX_BYTES) {
				stream.bytes += ENDLESS_CHUNK.length;
				if (!res.write(ENDLESS_CHUNK)) return void res.once('drain', pump);
			}
			res.end();
		};
		pump();
	};

	const { key, cert } = selfSignedCertificate();
	const httpServer = createHttpServer(handle('http'));
	const httpsServer = createHttpsServer({ key, cert }, handle('https'));
	httpsServer.on('tlsClientError', () => undefined);
	const server = createNetServer((socket) => {
		sockets.add(socket);
		state.connections++;
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		socket.once('data', (first: Buffer) => {
			socket.pause();
			socket.unshift(first);
			const tls = first[0] === 0x16;
			if (tls) state.tlsConnections++;
			(tls ? httpsServer : httpServer).emit('connection', socket);
			process.nextTick(() => socket.resume());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	let closed = false;
	const close = async () => {
		if (closed) return;
		closed = true;
		clearTimeout(lifetime);
		for (const timer of timers) clearInterval(timer);
		for (const socket of sockets) socket.destroy();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	};
	const lifetime = setTimeout(() => void close(), options.maxLifetimeMs ?? 10 * 60_000);
	lifetime.unref();

	return {
		url: `http://127.0.0.1:${port}`,
		httpsUrl: `https://127.0.0.1:${port}`,
		requests,
		get tlsConnections() {
			return state.tlsConnections;
		},
		streams,
		async streamsEnded() {
			await Promise.all(streamEnds);
			return streams;
		},
		get connections() {
			return state.connections;
		},
		get streamedBytes() {
			return state.streamedBytes;
		},
		close,
	};
}

/** A throwaway certificate for 127.0.0.1, made with openssl for this run only. */
function selfSignedCertificate(): { key: string; cert: string } {
	const dir = mkdtempSync(join(tmpdir(), 'hostile-tls-'));
	try {
		execFileSync('openssl', [
			'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
			'-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1',
			'-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
		], { stdio: 'ignore' });
		return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * Raw recorder: an HTTP server on 127.0.0.1 that keeps each request exactly as it arrived (the
 * request line's target, the Host header, all headers, the body bytes) and answers with what
 * `answer` decides (default 200 `{"ok":true}`). The signing labs judge signatures from these bytes.
 *
 *   const recorder = await startRawRecorder();   // recorder.url, recorder.requests
 *   await recorder.close();
 */
import type { AddressInfo } from 'net';
import { createServer, type IncomingHttpHeaders } from 'http';

export interface RawRequest {
	method: string;
	/** The request line's target as sent: path and query, percent-encoding untouched. */
	target: string;
	host: string;
	headers: IncomingHttpHeaders;
	body: Buffer;
}

export interface RawAnswer {
	status: number;
	/** Sent as JSON, unless `contentType` is given: then it is the text sent as it is (STS's XML). */
	body: unknown;
	contentType?: string;
}

export interface RawRecorder {
	url: string;
	port: number;
	requests: RawRequest[];
	/** Decides each answer (may be async); replace it at run time. */
	answer: (request: RawRequest) => RawAnswer | Promise<RawAnswer>;
	close(): Promise<void>;
}

export async function startRawRecorder(maxLifetimeMs = 30 * 60_000): Promise<RawRecorder> {
	const recorder: RawRecorder = {
		url: '',
		port: 0,
		requests: [],
		answer: () => ({ status: 200, body: { ok: true } }),
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const request: RawRequest = {
				method: req.method ?? '',
				target: req.url ?? '',
				host: req.headers.host ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks),
			};
			recorder.requests.push(request);
			void Promise.resolve(recorder.answer(request)).then(
				({ status, body, contentType }) => {
					res.writeHead(status, { 'content-type': contentType ?? 'application/json' });
					res.end(contentType === undefined ? JSON.stringify(body) : String(body));
				},
				(error: Error) => {
					res.writeHead(500, { 'content-type': 'application/json' });
					res.end(JSON.stringify({ error: error.message }));
				},
			);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	recorder.port = (server.address() as AddressInfo).port;
	recorder.url = `http://127.0.0.1:${recorder.port}`;
	const stopTimer = setTimeout(() => server.close(), maxLifetimeMs);
	stopTimer.unref();
	server.on('close', () => clearTimeout(stopTimer));
	server.keepAliveTimeout = 1;
	return recorder;
}

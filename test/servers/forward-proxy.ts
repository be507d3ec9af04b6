/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * A forward proxy on 127.0.0.1 (node:http): absolute-URI requests for http targets, CONNECT
 * tunnels for https. It resolves host names from its own table, so a request to such a host can
 * only have succeeded through it. Counts what it forwarded; stops by itself after 30 min.
 */
import { createServer, request as httpRequest } from 'http';
import { connect, type AddressInfo, type Socket } from 'net';

export interface ForwardProxy {
	url: string;
	/** "GET http://host/path" and "CONNECT host:port", in order. */
	seen: string[];
	close(): Promise<void>;
}

export async function startForwardProxy(hosts: Record<string, string>): Promise<ForwardProxy> {
	const seen: string[] = [];
	const resolve = (host: string) => hosts[host] ?? host;
	const sockets = new Set<Socket>();
	const server = createServer((req, res) => {
		seen.push(`${req.method} ${req.url}`);
		const target = new URL(req.url ?? '');
		const upstream = httpRequest(
			{ host: resolve(target.hostname), port: target.port || 80, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', () => res.writeHead(502).end());
		req.pipe(upstream);
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('connect', (req, client: Socket, head) => {
		seen.push(`CONNECT ${req.url}`);
		const [host, port] = String(req.url).split(':');
		const upstream = connect(Number(port), resolve(host), () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		sockets.add(upstream);
		upstream.on('close', () => sockets.delete(upstream));
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const stopTimer = setTimeout(() => void close(), 30 * 60_000);
	stopTimer.unref();
	async function close() {
		clearTimeout(stopTimer);
		for (const socket of sockets) socket.destroy();
		await new Promise<void>((r) => server.close(() => r()));
	}
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close };
}

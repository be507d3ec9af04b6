/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// A protected API that accepts one static Bearer token and counts what it saw.
// Used for the harness check with n8n's built-in Header Auth and for the benchmark baseline.
import { createServer, Server } from 'http';
import { AddressInfo } from 'net';

export interface StaticApi {
	url: string;
	counts: { requests: number; authorized: number; rejected: number };
	authorizations: string[];
	reset(): void;
	close(): Promise<void>;
}

export async function startStaticApi(token: string): Promise<StaticApi> {
	const counts = { requests: 0, authorized: 0, rejected: 0 };
	const authorizations: string[] = [];
	const server: Server = createServer((req, res) => {
		counts.requests++;
		const auth = req.headers.authorization ?? '';
		authorizations.push(auth);
		const ok = auth === `Bearer ${token}`;
		if (ok) counts.authorized++;
		else counts.rejected++;
		res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
		res.end(JSON.stringify(ok ? { ok: true, seq: counts.requests } : { error: 'unauthorized' }));
	});
	server.keepAliveTimeout = 1000;
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		counts,
		authorizations,
		reset() {
			counts.requests = counts.authorized = counts.rejected = 0;
			authorizations.length = 0;
		},
		async close() {
			server.closeAllConnections?.();
			await new Promise<void>((r) => server.close(() => r()));
		},
	};
}

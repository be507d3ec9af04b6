/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/require-node-api-error -- test code, not shipped: linted by eslint.tests.config.mjs */
// A long-running `n8n start` on one user folder, with the REST calls the editor makes:
// owner setup, login, save a credential or a workflow, test a credential, run a workflow and read
// its execution back.
import { ChildProcess, spawn } from 'child_process';
import { appendFileSync, existsSync, readFileSync } from 'fs';
import { oneCredentialTestAtATime } from './credential-test-lock';
import { n8nEnv } from './env';
import { N8nLine } from './line';
import { freePort } from './ports';

export const OWNER = { email: 'owner@e2e.test', firstName: 'E2e', lastName: 'Owner', password: 'E2e-owner-Passw0rd' };
const BROWSER_ID = 'e2e-browser';

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** An execution as GET /rest/executions/:id answers it. */
export interface StoredExecution {
	id: string;
	finished: boolean;
	status: string;
	/** The run data (IRunExecutionData) in `flatted` text. */
	data: string;
}

export class N8nServer {
	private cookie = '';
	private stopping = false;
	private constructor(
		readonly baseUrl: string,
		/** Absent for a server this process attached to (the run's shared n8n, shared-n8n.ts). */
		private readonly child: ChildProcess | undefined,
		readonly log: () => string,
	) {}

	/**
	 * The `n8n start` another process started (the run's shared n8n): its REST calls with a
	 * session of this process's own, its output read from `logFile`. Stopping it only detaches.
	 */
	static attach(baseUrl: string, logFile: string): N8nServer {
		return new N8nServer(baseUrl, undefined, () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''));
	}

	/**
	 * `extraEnv`: instance settings on top of the suite's (N8N_SSRF_*, N8N_METRICS...);
	 * `readyTimeoutMs`: how long n8n may take to answer (longer on a busy machine);
	 * `logFile`: n8n's output is appended there too (for processes that attach to this one).
	 */
	static async start(
		line: N8nLine,
		userFolder: string,
		port?: number,
		extraEnv: Record<string, string> = {},
		readyTimeoutMs = 300_000,
		logFile?: string,
	): Promise<N8nServer> {
		const httpPort = port ?? (await freePort());
		const env = n8nEnv(line, userFolder, {
			// n8n answers 503 while its periodic `SELECT 1` takes over 5 s (the default), as on a busy machine.
			DB_PING_TIMEOUT_MS: '60000',
			...extraEnv,
			N8N_PORT: String(httpPort),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		});
		const child = spawn(line.nodeBin, [line.n8nBin, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		const keep = (c: Buffer) => {
			output += c.toString();
			if (logFile) appendFileSync(logFile, c);
		};
		child.stdout?.on('data', keep);
		child.stderr?.on('data', keep);
		const server = new N8nServer(`http://127.0.0.1:${httpPort}`, child, () => output);
		try {
			await server.waitUntilReady(readyTimeoutMs);
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	private async waitUntilReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.child && this.child.exitCode !== null) throw new Error(`n8n start exited ${this.child.exitCode}\n${this.log()}`);
			try {
				// While starting, n8n answers every path with 200 "n8n is starting up".
				const res = await fetch(`${this.baseUrl}/rest/settings`);
				const body = res.ok ? await res.text() : '';
				if (body.startsWith('{') && 'data' in JSON.parse(body)) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(`n8n did not answer on ${this.baseUrl} within ${timeoutMs} ms\n${this.log()}`);
	}

	async request<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
		const res = await this.fetchOnce(method, path, body).catch(async (error: Error & { cause?: { code?: string; message?: string } }) => {
			// A kept-alive connection n8n closed while it sat idle in fetch's pool ("other side closed",
			// UND_ERR_SOCKET: the request never reached n8n), or one reset just as a read went out (seen
			// under heavy load): send it once more. A reset write is not sent again (it may have run).
			const closedBeforeSent = error.cause?.code === 'UND_ERR_SOCKET';
			const resetRead = method === 'GET' && /ECONNRESET|socket/i.test(error.cause?.message ?? error.message);
			if (!closedBeforeSent && !resetRead) throw error;
			return await this.fetchOnce(method, path, body);
		});
		const setCookie = res.headers.get('set-cookie');
		const auth = setCookie?.match(/n8n-auth=[^;]+/);
		if (auth) this.cookie = auth[0];
		const text = await res.text();
		let json: { data?: T } | undefined;
		try {
			json = JSON.parse(text);
		} catch {
			json = undefined;
		}
		return { status: res.status, data: (json?.data ?? json ?? text) as T };
	}

	private async fetchOnce(method: string, path: string, body?: unknown): Promise<Response> {
		return await fetch(`${this.baseUrl}${path}`, {
			method,
			headers: {
				'content-type': 'application/json',
				'browser-id': BROWSER_ID,
				...(this.cookie ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
	}

	private async ok<T>(method: string, path: string, body?: unknown): Promise<T> {
		const res = await this.request<T>(method, path, body);
		if (res.status >= 300) throw new Error(`${method} ${path} -> ${res.status} ${JSON.stringify(res.data)}`);
		return res.data;
	}

	/** Owner setup as on first start of the editor, then login (both set the auth cookie). */
	async setupOwnerAndLogin(): Promise<void> {
		await this.ok('POST', '/rest/owner/setup', OWNER);
		await this.login();
	}

	/** Login as the owner (a restarted n8n on a user folder whose owner is set up). */
	async login(): Promise<void> {
		await this.ok('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
	}

	/** Saves a workflow as the editor does (POST /rest/workflows) and returns the id n8n gave it. */
	async createWorkflow(workflow: object): Promise<string> {
		const created = await this.ok<{ id: string }>('POST', '/rest/workflows', workflow);
		return created.id;
	}

	/**
	 * The workflow's triggers go live, as the editor does it: Publish on n8n 2.x (POST
	 * /rest/workflows/:id/activate with the saved version), the Active toggle on 1.x (PATCH).
	 */
	async activateWorkflow(id: string, line: '1' | '2'): Promise<void> {
		const { versionId } = await this.ok<{ versionId: string }>('GET', `/rest/workflows/${id}`);
		if (line === '2') await this.ok('POST', `/rest/workflows/${id}/activate`, { versionId });
		else await this.ok('PATCH', `/rest/workflows/${id}`, { versionId, active: true });
	}

	/**
	 * The editor's "Execute workflow" (POST /rest/workflows/:id/run) from the trigger node named
	 * `trigger`; returns the execution id. n8n 2.x reads the workflow from its database; 1.x takes
	 * the workflow itself in the body.
	 */
	async runManually(workflow: { id: string }, trigger: string, line: '1' | '2'): Promise<string> {
		const triggerToStartFrom = { name: trigger };
		const body = line === '2' ? { triggerToStartFrom } : { workflowData: workflow, triggerToStartFrom };
		const started = await this.ok<{ executionId?: string; waitingForWebhook?: boolean }>('POST', `/rest/workflows/${workflow.id}/run`, body);
		if (!started.executionId) throw new Error(`n8n started no execution of ${workflow.id}: ${JSON.stringify(started)}`);
		return started.executionId;
	}

	/** An execution as the editor reads it (GET /rest/executions/:id); `data` is `flatted` text. */
	async execution(id: string): Promise<StoredExecution> {
		return await this.ok<StoredExecution>('GET', `/rest/executions/${id}`);
	}

	/** Saves a credential as the editor does (POST /rest/credentials) and returns its id. */
	async createCredential(name: string, type: string, data: Record<string, unknown>): Promise<string> {
		const created = await this.ok<{ id: string }>('POST', '/rest/credentials', { name, type, data });
		return created.id;
	}

	/** The editor's "Test" / save-and-test: POST /rest/credentials/test with the saved id. */
	async testCredential(id: string, name: string, type: string, data: Record<string, unknown>): Promise<CredentialTestResult> {
		return await oneCredentialTestAtATime(this.baseUrl, async () =>
			await this.ok<CredentialTestResult>('POST', '/rest/credentials/test', { credentials: { id, name, type, data } }),
		);
	}

	/** The Prometheus text of GET /metrics (needs N8N_METRICS=true). */
	async metrics(): Promise<string> {
		const res = await fetch(`${this.baseUrl}/metrics`);
		if (!res.ok) throw new Error(`GET /metrics -> ${res.status}`);
		return await res.text();
	}

	/** A saved credential's data as the editor reads it back (GET /rest/credentials/:id?includeData=true). */
	async credentialData(id: string): Promise<Record<string, unknown>> {
		const credential = await this.ok<{ data?: Record<string, unknown> }>('GET', `/rest/credentials/${id}?includeData=true`);
		return credential.data ?? {};
	}

	/** The form fields of a credential type as the editor gets them (with what n8n adds at load). */
	async credentialTypeProperties(type: string): Promise<Array<{ name: string; default?: unknown }>> {
		const res = await this.request<Array<{ name: string; properties: Array<{ name: string; default?: unknown }> }>>('GET', '/types/credentials.json');
		const found = Array.isArray(res.data) ? res.data.find((t) => t.name === type) : undefined;
		if (!found) throw new Error(`n8n did not load the credential type ${type}`);
		return found.properties;
	}

	/** Credential types n8n loaded (what the editor lists). */
	async credentialTypes(): Promise<string[]> {
		const res = await this.request<Array<{ name: string }>>('GET', '/types/credentials.json');
		return Array.isArray(res.data) ? res.data.map((t) => t.name) : [];
	}

	/** False once the process exited or was told to stop. */
	/** The `n8n start` process's id; none for a server another process started. */
	get pid(): number | undefined {
		return this.child?.pid;
	}

	get running(): boolean {
		if (!this.child) return !this.stopping;
		return this.child.exitCode === null && this.child.signalCode === null && !this.stopping;
	}

	async stop(): Promise<void> {
		this.stopping = true;
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		await new Promise<void>((resolveStop) => {
			const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
			child.once('exit', () => {
				clearTimeout(timer);
				resolveStop();
			});
			child.kill('SIGTERM');
		});
	}
}

/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// The package installed the way n8n's documentation and the README tell self-hosted users to:
// `npm install n8n-nodes-token-auth` inside ~/.n8n/nodes, from a registry (a local verdaccio),
// with npm's default peer-dependency behaviour and the npm beside this line's Node. Then updated
// in place (`npm install n8n-nodes-token-auth@latest`, restart) with credentials in use, and
// downgraded again. One registry, one user folder, three n8n starts per line:
//   1. 0.1.0 installed: the credential types and the node listed, workflows log in and run; a
//      Basic (basic.tech) credential saved with its sign-in tokens, the package's node lists rows
//   2. 0.1.1 installed, N8N_UNVERIFIED_PACKAGES_ENABLED=false (n8n 3's default): still loaded, the
//      stored tokens reused, the stored refresh token used when the API rejects the token; Basic's
//      access token expired: n8n refreshes it with the refresh token the first version stored
//   3. 0.1.0 again: the tokens 0.1.1 stored reused; a refused refresh gives the node's error as
//      n8n's own NodeApiError (the package uses n8n's n8n-workflow, not a copy of its own)
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { request } from 'http';
import { join } from 'path';
import { startBasicEmulator, type BasicEmulator } from '../../servers/basic-emulator';
import { startTokenLab, type TokenLab } from '../../servers/token-lab';
import { basicListWorkflow, basicTechCredential, basicTodos, openTodosByPriority } from '../harness/basic-tech-fixtures';
import { nodeItems, type Execution } from '../harness/cli';
import { basicToBearerCredential, passwordGrantCredential } from '../harness/lab-credentials';
import { assertLineInstalled, currentLine, scratchRoot } from '../harness/line';
import { N8nServer, OWNER } from '../harness/n8n-server';
import { packedTarball, packageName } from '../harness/package-install';
import { runOverRest } from '../harness/rest-run';
import { tokenLogLines } from '../harness/token-log';
import type { WorkflowFixture } from '../harness/workflows';
import { callWebhook, webhookWorkflow, type WebhookWorkflow } from '../queue/webhook-workflow';
import { startLocalRegistry, type LocalRegistry } from './local-registry';

const CREDENTIAL_TYPES = [
	'basicToBearerApi',
	'passwordGrantOAuth2Api',
	'tokenLoginApi',
	'clientCredentialsOAuth2Api',
	'jwtBearerOAuth2Api',
	'bearerTokenApi',
	'basicTechOAuth2Api',
	'selfSignedJwtApi',
	'hmacSignatureApi',
	'awsSigV4Api',
	'awsSigV4AssumeRoleApi',
];
const NODE_TYPE = `${packageName}.basicTech`;
const BASIC_PROJECT = 'install-project';
const BASIC_NODE = 'List Todos';

const line = currentLine();
// Debug shows the package's login lines; the Set node of the workflow names the process from $env.
const n8nSettings = { N8N_LOG_LEVEL: 'debug', N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false', E2E_WORKER: 'main' };

/** Every folder named `name` under `dir` (node_modules trees included). */
function foldersNamed(dir: string, name: string): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (!entry.isDirectory()) continue;
		const path = join(dir, entry.name);
		if (entry.name === name) found.push(path);
		found.push(...foldersNamed(path, name));
	}
	return found;
}

describe(`installed from a registry with npm, updated in place and downgraded (n8n ${line.version})`, () => {
	let registry: LocalRegistry;
	let lab: TokenLab;
	let emu: BasicEmulator;
	let userFolder: string;
	let nodesDir: string;
	let editor: N8nServer | undefined;
	const credentials = { basic: '', password: '' };
	const flows = {} as Record<keyof typeof credentials, WebhookWorkflow>;
	const savedData: Record<string, Record<string, unknown>> = {};
	let tarball: string;
	let firstVersion: string;
	/** The update: the same files one patch version higher. */
	let nextVersion: string;
	/** Manual Trigger -> the package's Basic node, saved with a credential created over REST. */
	let basicFlow: WorkflowFixture;
	/** The refresh token of the sign-in the Basic credential was saved with. */
	let signedInRefreshToken: string;

	beforeAll(async () => {
		assertLineInstalled(line);
		registry = await startLocalRegistry();
		tarball = packedTarball();
		firstVersion = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')).version;
		const [major, minor, patch] = firstVersion.split('.').map(Number);
		nextVersion = `${major}.${minor}.${patch + 1}`;
		registry.publish(tarball);
		lab = await startTokenLab();
		emu = await startBasicEmulator({ projects: { [BASIC_PROJECT]: { todos: basicTodos } } });
		mkdirSync(scratchRoot, { recursive: true });
		userFolder = mkdtempSync(join(scratchRoot, `install-n8n${line.line}-`));
		nodesDir = join(userFolder, '.n8n/nodes');
		mkdirSync(nodesDir, { recursive: true });
	}, 120_000);

	afterAll(async () => {
		await editor?.stop();
		await lab?.close();
		await emu?.close();
		await registry?.close();
		if (userFolder && !process.env.E2E_KEEP) rmSync(userFolder, { recursive: true, force: true });
	});

	/** `npm install <spec>` in ~/.n8n/nodes as the user runs it; returns npm's output. */
	function npmInstall(spec: string): string {
		const result = registry.npm(line.nodeBin, nodesDir, ['install', spec]);
		expect({ code: result.code, output: result.output }).toMatchObject({ code: 0 });
		return result.output;
	}

	function installedVersion(): string {
		return JSON.parse(readFileSync(join(nodesDir, 'node_modules', packageName, 'package.json'), 'utf8')).version;
	}

	/** What ~/.n8n/nodes holds: only the package, and no n8n-workflow anywhere below it. */
	function expectOnlyThePackage(): void {
		expect(readdirSync(join(nodesDir, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual([packageName]);
		expect(foldersNamed(nodesDir, 'n8n-workflow')).toEqual([]);
	}

	async function startN8n(extra: Record<string, string> = {}): Promise<N8nServer> {
		await editor?.stop();
		// A first start migrates a new database: on a busy 2-core machine that took over 180 s once.
		editor = await N8nServer.start(line, userFolder, undefined, { ...n8nSettings, ...extra }, 360_000);
		return editor;
	}

	async function login(): Promise<void> {
		const res = await editor!.request('POST', '/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password });
		expect(res.status).toBe(200);
	}

	/** One request on a connection of its own (see nodeTypes); answers status, cookie and body. */
	async function ownConnection(method: string, path: string, headers: Record<string, string>, body?: string) {
		return await new Promise<{ status: number; cookie?: string; body: string }>((answered, reject) => {
			const req = request(`${editor!.baseUrl}${path}`, { method, agent: false, headers: { connection: 'close', 'browser-id': 'install-spec', ...headers } }, (res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => (text += chunk));
				res.on('end', () => answered({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0]?.split(';')[0], body: text }));
			});
			req.on('error', reject);
			req.end(body);
		});
	}

	/**
	 * The node types the editor loads (GET /types/nodes.json after login, as the editor fetches
	 * them), on a connection of its own: after this large answer n8n closes the kept-alive socket,
	 * and the next REST call of the shared fetch pool failed with "other side closed" (both lines).
	 */
	async function nodeTypes(): Promise<Array<{ name: string }>> {
		const login = await ownConnection('POST', '/rest/login', { 'content-type': 'application/json' }, JSON.stringify({ emailOrLdapLoginId: OWNER.email, password: OWNER.password }));
		expect({ status: login.status, cookie: Boolean(login.cookie) }).toEqual({ status: 200, cookie: true });
		const types = await ownConnection('GET', '/types/nodes.json', { cookie: login.cookie! });
		expect(types.status).toBe(200);
		return JSON.parse(types.body);
	}

	/** Calls a workflow's webhook once n8n has registered it after its start; returns the answer. */
	async function run(flow: WebhookWorkflow) {
		const base = `${editor!.baseUrl}/webhook`;
		for (let attempt = 0; attempt < 120; attempt++) {
			const answer = await callWebhook(base, flow);
			if (answer.status !== 404) return answer;
			await new Promise((r) => setTimeout(r, 500));
		}
		throw new Error(`webhook of ${flow.name} never registered`);
	}

	/** Saves the workflow through the editor's REST calls; answers n8n's id and version. */
	async function save(flow: WorkflowFixture): Promise<{ id: string; versionId: string }> {
		const body = { name: flow.name, nodes: flow.nodes, connections: flow.connections, settings: flow.settings, active: false };
		const created = await editor!.request<{ id: string; versionId: string }>('POST', '/rest/workflows', body);
		expect(created.status).toBe(200);
		return created.data;
	}

	/** Saves the workflow and activates it (2.x: publish). */
	async function saveAndActivate(flow: WebhookWorkflow): Promise<void> {
		const { id } = await save(flow);
		await editor!.activateWorkflow(id, line.line);
	}

	/** Runs the Basic workflow from its trigger on the running n8n (the editor's "Execute workflow"). */
	async function listTodos(): Promise<Execution> {
		return await runOverRest(editor!, line, basicFlow, 'Start');
	}

	/** What the emulator's token endpoint was asked, in order. */
	function tokenGrants() {
		return emu.state.tokenRequests.map(({ grantType, ok, presentedRefreshToken }) => ({ grantType, ok, presentedRefreshToken }));
	}

	it(`npm install ${packageName} in an empty ~/.n8n/nodes installs the package alone: no n8n-workflow beside it`, () => {
		const output = npmInstall(packageName);
		expect(output).toMatch(/added 1 package\b/);
		expect(installedVersion()).toBe(firstVersion);
		expectOnlyThePackage();
		expect(JSON.parse(readFileSync(join(nodesDir, 'package.json'), 'utf8')).dependencies).toEqual({ [packageName]: `^${firstVersion}` });
	});

	it('n8n\'s own installer steps (Settings > Community Nodes) succeed on it: npm pack from the registry, peers stripped, install with scripts off', () => {
		// The steps of downloadPackage in n8n's modules/community-packages/community-packages.service.js
		// (2.41.1), here against the local registry: n8n's installer itself needs n8n's default
		// registry unless the instance is licensed for another (getNpmRegistry throws FeatureNotLicensedError).
		const work = mkdtempSync(join(userFolder, 'n8n-installer-'));
		const packed = registry.npm(line.nodeBin, work, ['pack', `${packageName}@${firstVersion}`, '--quiet']);
		expect(packed.code).toBe(0);
		const packageDir = join(work, 'package');
		mkdirSync(packageDir);
		execFileSync('tar', ['-xzf', packed.output.trim().split('\n').pop()!, '-C', packageDir, '--strip-components=1'], { cwd: work });
		const manifestPath = join(packageDir, 'package.json');
		const kept = JSON.parse(readFileSync(manifestPath, 'utf8'));
		for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete kept[field];
		writeFileSync(manifestPath, JSON.stringify(kept, null, 2));
		const installed = registry.npm(line.nodeBin, packageDir, ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false']);
		expect(installed.code).toBe(0);
		expect(existsSync(join(packageDir, 'node_modules')) ? readdirSync(join(packageDir, 'node_modules')) : []).toEqual([]);
		expect(existsSync(join(packageDir, kept.n8n.credentials[0]))).toBe(true);
		rmSync(work, { recursive: true, force: true });
	});

	it('n8n lists every credential type of the package and the node through the editor\'s REST calls', async () => {
		await startN8n();
		await editor!.setupOwnerAndLogin();
		expect(await editor!.credentialTypes()).toEqual(expect.arrayContaining(CREDENTIAL_TYPES));
		expect((await nodeTypes()).map((node) => node.name)).toContain(NODE_TYPE);
	}, 480_000);

	it('workflows run with the installed package; its login lines come through n8n\'s own logger', async () => {
		for (const [key, fixture] of Object.entries({ basic: basicToBearerCredential(lab), password: passwordGrantCredential(lab) })) {
			const name = `install ${key}`;
			const id = await editor!.createCredential(name, fixture.type, fixture.data);
			credentials[key as keyof typeof credentials] = id;
			flows[key as keyof typeof flows] = webhookWorkflow({ name, url: lab.apiUrl, credentialType: fixture.type, credentialId: id, credentialName: name });
			await saveAndActivate(flows[key as keyof typeof flows]);
		}
		for (const flow of Object.values(flows)) expect(await run(flow)).toEqual({ status: 200, answer: { ok: true, worker: 'main' } });
		expect(lab.counts).toMatchObject({ basicTokenCalls: 1, oauthPasswordCalls: 1, oauthRefreshCalls: 0, apiAccepted: 2 });
		// n8n-workflow's LoggerProxy prints nothing until n8n initialises it: lines here mean the
		// package uses n8n's own copy.
		const logins = tokenLogLines(editor!.log()).filter((entry) => entry.event === 'login');
		expect(logins.map((entry) => entry.fields.type).sort()).toEqual(['basicToBearerApi', 'passwordGrantOAuth2Api']);
		for (const id of Object.values(credentials)) savedData[id] = await editor!.credentialData(id);
	}, 480_000);

	it('a Basic (basic.tech) credential saved over REST with its sign-in tokens: the package\'s node lists rows with them', async () => {
		const fixture = await basicTechCredential(emu, { project: BASIC_PROJECT, name: 'install basic.tech' });
		signedInRefreshToken = String((fixture.data.oauthTokenData as { refresh_token?: unknown }).refresh_token);
		// POST /rest/credentials keeps oauthTokenData on both lines (only PATCH drops it): the run
		// below needs no token call, where a credential without it fails "OAuth credentials not connected".
		const id = await editor!.createCredential(fixture.name, fixture.type, fixture.data);
		basicFlow = basicListWorkflow({ ...fixture, id }, { project: BASIC_PROJECT, name: 'install basic.tech list', nodeName: BASIC_NODE });
		basicFlow.id = (await save(basicFlow)).id;
		const listed = await listTodos();
		expect({ ok: listed.ok, rows: nodeItems(listed.run, BASIC_NODE) }).toEqual({ ok: true, rows: openTodosByPriority });
		expect(tokenGrants()).toEqual([{ grantType: 'authorization_code', ok: true, presentedRefreshToken: undefined }]);
	}, 480_000);

	it('updated with npm install @latest and a restart (with N8N_UNVERIFIED_PACKAGES_ENABLED=false): loaded, the stored tokens reused', async () => {
		await editor!.stop();
		registry.publishAs(tarball, nextVersion);
		npmInstall(`${packageName}@latest`);
		expect(installedVersion()).toBe(nextVersion);
		expectOnlyThePackage();
		await startN8n({ N8N_UNVERIFIED_PACKAGES_ENABLED: 'false' });
		await login();
		const settings = await editor!.request<{ unverifiedCommunityNodesEnabled?: boolean }>('GET', '/rest/settings');
		expect(settings.data.unverifiedCommunityNodesEnabled).toBe(false);
		expect(await editor!.credentialTypes()).toEqual(expect.arrayContaining(CREDENTIAL_TYPES));
		for (const flow of Object.values(flows)) expect(await run(flow)).toEqual({ status: 200, answer: { ok: true, worker: 'main' } });
		// No new login: both tokens the first version stored were read and sent by the second.
		expect(lab.counts).toMatchObject({ basicTokenCalls: 1, oauthPasswordCalls: 1, oauthRefreshCalls: 0, apiAccepted: 4 });
		// Every saved field reads back the same.
		for (const id of Object.values(credentials)) expect(await editor!.credentialData(id)).toEqual(savedData[id]);
	}, 480_000);

	it('after the update, a rejected token is renewed with the refresh token the first version stored', async () => {
		lab.revokeAllTokens();
		expect(await run(flows.password)).toEqual({ status: 200, answer: { ok: true, worker: 'main' } });
		expect(lab.counts).toMatchObject({ oauthPasswordCalls: 1, oauthRefreshCalls: 1 });
		expect(await run(flows.basic)).toEqual({ status: 200, answer: { ok: true, worker: 'main' } });
		expect(lab.counts.basicTokenCalls).toBe(2);
	}, 480_000);

	it('after the update, an expired Basic access token is refreshed with the refresh token the first version stored', async () => {
		emu.expireAccessTokens();
		const listed = await listTodos();
		expect({ ok: listed.ok, rows: nodeItems(listed.run, BASIC_NODE) }).toEqual({ ok: true, rows: openTodosByPriority });
		// One refresh with the sign-in's refresh token, and no new sign-in (authorization_code).
		expect(tokenGrants()).toEqual([
			{ grantType: 'authorization_code', ok: true, presentedRefreshToken: undefined },
			{ grantType: 'refresh_token', ok: true, presentedRefreshToken: signedInRefreshToken },
		]);
	}, 480_000);

	it('downgraded to the first version: the tokens the newer version stored are reused', async () => {
		await editor!.stop();
		npmInstall(`${packageName}@${firstVersion}`);
		expect(installedVersion()).toBe(firstVersion);
		expectOnlyThePackage();
		const before = { ...lab.counts };
		await startN8n();
		for (const flow of Object.values(flows)) expect(await run(flow)).toEqual({ status: 200, answer: { ok: true, worker: 'main' } });
		expect(lab.counts).toMatchObject({ basicTokenCalls: before.basicTokenCalls, oauthPasswordCalls: before.oauthPasswordCalls, oauthRefreshCalls: before.oauthRefreshCalls });
		expect(lab.counts.apiAccepted).toBe(before.apiAccepted + 2);
		// The Basic token n8n refreshed under the newer version, read by the older one.
		await login();
		const grants = tokenGrants().length;
		const listed = await listTodos();
		expect({ ok: listed.ok, rows: nodeItems(listed.run, BASIC_NODE) }).toEqual({ ok: true, rows: openTodosByPriority });
		expect(tokenGrants()).toHaveLength(grants);
	}, 480_000);

	// Last: it revokes the Basic credential's refresh tokens for good.
	it('an error the package\'s node throws reaches n8n as n8n\'s own NodeApiError', async () => {
		emu.revokeRefreshTokens('The refresh token was revoked: the account signed out everywhere');
		emu.expireAccessTokens();
		const failed = await listTodos();
		expect(failed.ok).toBe(false);
		expect(emu.state.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', ok: false, error: 'invalid_grant' });
		// The node's error as the execution stores it: n8n keeps `{ ...error, message, stack }`
		// (n8n-core's WorkflowExecute.reportNodeExecutionError), `name` included.
		const error = failed.run.data.resultData.runData[BASIC_NODE]?.[0]?.error;
		expect(error).toMatchObject({ name: 'NodeApiError', message: expect.stringMatching(/^The request to Basic failed: /) });
		// The package wraps what httpRequestWithAuthentication threw (n8n-core's own NodeApiError) in
		// `new NodeApiError(node, thrown, { message, description: 'GET <path>' })`. n8n-workflow's
		// NodeApiError hands back `thrown` itself when it is an instance of its own class (node-api.error.js,
		// 2.41.1 line 81, 1.123.81 line 90), so the error keeps what n8n-core gave it and only the message
		// is the package's. With a second n8n-workflow under the package, `thrown` is an instance of
		// n8n's class, not of the package's: a new NodeApiError of the other copy stands in its place,
		// with the package's description and without what n8n-core set (2.x: the "reconnect" text and
		// `failure: { cause: 'credential-invalid' }` taken from its NodeOperationError; node.error.js
		// copies `failure` only from an instance of its own NodeError).
		expect(error?.description).not.toBe(`GET /account/${BASIC_PROJECT}/db/todos`);
		if (line.line === '2') {
			expect(error).toMatchObject({
				message: 'The request to Basic failed: The credential "install basic.tech" needs to be reconnected.',
				description: expect.stringMatching(/^Access could not be refreshed because the connected account has revoked access/),
				failure: { cause: 'credential-invalid' },
			});
		}
	}, 480_000);
});

// "Connect" for the Basic (basic.tech) credential in a real browser: Debian's chromium, driven by
// playwright-core, opens n8n's editor, creates the credential, connects on the emulator's consent
// page, then runs a workflow with the node from the editor, and again after the access token
// expired (n8n refreshes on 401 and must keep the refresh token Basic rotated in).
import { BrowserContext, Page } from 'playwright-core';
import { createInstance, N8nInstance } from '../e2e/harness/instance';
import type { N8nServer } from '../e2e/harness/n8n-server';
import { BasicEmulator, startBasicEmulator } from '../servers/basic-emulator';
import { EditorBrowser, openEditorBrowser, signInToEditor } from './editor-browser';

const PROJECT = 'proj-browser';

interface ExecutionSummary {
	id: string;
	status: string;
}

describe('Basic (basic.tech) credential: Connect in a real browser, then workflows in n8n', () => {
	let emu: BasicEmulator;
	let n8n: N8nInstance;
	let server: N8nServer;
	let browser: EditorBrowser;
	let context: BrowserContext;
	let page: Page;
	let credentialId = '';
	let workflowId = '';

	beforeAll(async () => {
		emu = await startBasicEmulator({
			projects: {
				[PROJECT]: {
					todos: [
						{ id: 't1', title: 'Seeded one', status: 'open' },
						{ id: 't2', title: 'Seeded two', status: 'open' },
						{ id: 't3', title: 'Seeded three', status: 'done' },
					],
				},
			},
		});
		// The run's shared n8n (test/e2e/harness/shared-n8n.ts), logged in as its owner.
		n8n = createInstance('basic-browser', { shared: true });
		server = await n8n.server();

		browser = await openEditorBrowser();
		({ context, page } = browser);
	});

	afterAll(async () => {
		await browser?.close();
		await n8n?.stop();
		await emu?.close();
		n8n?.cleanup();
	});

	async function executions(): Promise<ExecutionSummary[]> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const res = await server.request<{ results: ExecutionSummary[] }>('GET', `/rest/executions?filter=${filter}`);
		return res.data.results ?? [];
	}

	/** Opens the workflow in the editor, clicks "Execute workflow", waits for the execution. */
	async function runFromEditor(): Promise<ExecutionSummary> {
		const before = (await executions()).length;
		await page.goto(`${server.baseUrl}/workflow/${workflowId}`);
		await page.getByTestId('execute-workflow-button').click();
		const deadline = Date.now() + 60_000;
		while (Date.now() < deadline) {
			const list = await executions();
			const done = list.filter((e) => e.status !== 'running' && e.status !== 'new');
			if (done.length > before) return done.sort((a, b) => Number(b.id) - Number(a.id))[0];
			await page.waitForTimeout(500);
		}
		throw new Error('the workflow run from the editor did not finish within 60 s');
	}

	it('loads the installed package with its node, its AI tool variant and the credential', async () => {
		const nodes = await server.request<Array<{ name: string }>>('GET', '/types/nodes.json');
		const names = (Array.isArray(nodes.data) ? nodes.data : []).map((n) => n.name);
		expect(names).toEqual(expect.arrayContaining(['n8n-nodes-token-auth.basicTech', 'n8n-nodes-token-auth.basicTechTool']));
		expect(await server.credentialTypes()).toContain('basicTechOAuth2Api');
	});

	it('creates the credential in the editor and connects it on Basic\'s consent page', async () => {
		await signInToEditor(page, server.baseUrl);

		await page.goto(`${server.baseUrl}/home/credentials/create`);
		await page.getByTestId('new-credential-type-select').locator('input').fill('Basic (basic.tech)');
		await page.getByTestId('new-credential-type-select-option').filter({ hasText: 'Basic (basic.tech) OAuth2 API' }).click();
		await page.getByTestId('new-credential-type-button').click();

		await page.getByTestId('parameter-input-server').click();
		await page.getByRole('option', { name: 'Custom' }).click();
		await page.getByTestId('parameter-input-baseUrl').locator('input').fill(emu.url);
		await page.getByTestId('parameter-input-clientId').locator('input').fill(PROJECT);
		// No client secret field: Basic is a public client, PKCE stands in for the secret.
		await expectHidden(page.getByTestId('parameter-input-clientSecret'));

		const connect = page
			.getByTestId('quick-connect-button')
			.or(page.getByRole('button', { name: /connect my account/i }))
			.first();
		const popupOpened = context.waitForEvent('page');
		await connect.click();
		const popup = await popupOpened;
		await popup.waitForURL((url) => url.href.startsWith(`${emu.url}/auth/authorize`));
		await popup.locator('#approve').click();
		await page.getByTestId('oauth-connect-success-banner').waitFor({ state: 'visible' });

		const authorize = emu.state.authorizeQueries.at(-1) ?? {};
		expect(authorize).toMatchObject({
			client_id: PROJECT,
			response_type: 'code',
			scope: 'profile',
			code_challenge_method: 'S256',
			redirect_uri: `${server.baseUrl}/rest/oauth2-credential/callback`,
		});
		expect(authorize.state).toBeTruthy();
		expect(authorize.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
		expect(emu.state.consents.approved).toBe(1);
		expect(emu.state.tokenRequests).toEqual([
			expect.objectContaining({
				grantType: 'authorization_code',
				contentType: 'application/x-www-form-urlencoded',
				clientId: PROJECT,
				ok: true,
			}),
		]);

		const credentials = await server.request<Array<{ id: string; type: string }>>('GET', '/rest/credentials');
		const saved = credentials.data.filter((c) => c.type === 'basicTechOAuth2Api');
		expect(saved).toHaveLength(1);
		credentialId = saved[0].id;
	});

	it('lists rows with the node in a workflow run from the editor', async () => {
		expect(credentialId).not.toBe('');
		const created = await server.request<{ id: string }>('POST', '/rest/workflows', {
			name: 'Basic browser: list todos',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				{ id: 'c5b1f7a2-0000-4000-8000-000000000001', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'c5b1f7a2-0000-4000-8000-000000000002',
					name: 'List Todos',
					type: 'n8n-nodes-token-auth.basicTech',
					typeVersion: 1,
					position: [300, 0],
					parameters: { resource: 'row', operation: 'getAll', projectId: PROJECT, table: 'todos', returnAll: true },
					credentials: { basicTechOAuth2Api: { id: credentialId, name: 'Basic (basic.tech) account' } },
				},
			],
			connections: { Start: { main: [[{ node: 'List Todos', type: 'main', index: 0 }]] } },
		});
		expect(created.status).toBeLessThan(300);
		workflowId = created.data.id;

		const run = await runFromEditor();
		expect(run.status).toBe('success');
		const lists = emu.state.dbRequests.filter((r) => r.path === `/account/${PROJECT}/db/todos`);
		expect(lists).toEqual([expect.objectContaining({ method: 'GET', status: 200, rows: 3 })]);
		await expectOutputLabel(page, '3 items');
	});

	it('refreshes after the access token expires and keeps the rotated refresh token', async () => {
		expect(workflowId).not.toBe('');
		const refreshes = () => emu.state.tokenRequests.filter((t) => t.grantType === 'refresh_token');
		const signIn = emu.state.tokenRequests[0];

		// First expiry on demand; the token that refresh returns lives 2 s, so the second expiry is
		// the JWT's own `exp` running out.
		emu.setAccessTokenTtl(2);
		emu.expireAccessTokens();
		const first = await runFromEditor();
		expect(first.status).toBe('success');
		expect(refreshes()).toEqual([
			expect.objectContaining({ ok: true, contentType: 'application/x-www-form-urlencoded', presentedRefreshToken: signIn.issuedRefreshToken }),
		]);

		await page.waitForTimeout(2_500);
		const second = await runFromEditor();
		expect(second.status).toBe('success');
		expect(refreshes()).toHaveLength(2);
		// The first refresh token is spent; n8n must have stored and used the one Basic rotated in.
		expect(refreshes()[1]).toMatchObject({ ok: true, presentedRefreshToken: refreshes()[0].issuedRefreshToken });
		expect(emu.state.dbRequests.filter((r) => r.status === 401)).toHaveLength(2);
		expect(emu.state.dbRequests.filter((r) => r.status === 200 && r.rows === 3)).toHaveLength(3);
	});
});

async function expectHidden(locator: ReturnType<Page['getByTestId']>): Promise<void> {
	expect(await locator.count()).toBe(0);
}

/** The canvas labels the edge after a node with the number of items it returned. */
async function expectOutputLabel(page: Page, text: string): Promise<void> {
	await page.getByText(text, { exact: true }).first().waitFor({ state: 'visible' });
}

// The Basic (basic.tech) node and credential in real n8n, against the Basic emulator: every node
// operation on one `n8n start`, the HTTP Request node with the credential, errors with their
// status, and n8n's own refresh on 401 keeping Basic's rotated refresh token.
import { errorText, nodeItems } from './harness/cli';
import { currentLine } from './harness/line';
import { useN8nSpec } from './harness/spec-setup';
import { HTTP_NODE, httpWorkflow, newId, WorkflowFixture } from './harness/workflows';
import { startBasicEmulator } from '../servers/basic-emulator';
import { signInTokens } from '../servers/basic-emulator/sign-in';

const PROJECT = 'proj-e2e';
const NODE_TYPE = 'n8n-nodes-token-auth.basicTech';
const CREDENTIAL_TYPE = 'basicTechOAuth2Api';

const seedTodos = [
	{ id: 'r1', title: 'Write report', status: 'open', priority: 3, created_at: '2026-01-03' },
	{ id: 'r2', title: 'Buy milk', status: 'done', priority: 1, created_at: '2026-01-01' },
	{ id: 'r3', title: 'Plan project', status: 'open', priority: 5, created_at: '2026-01-02' },
	{ id: 'r4', title: 'Call Bob', status: 'deleted', priority: 2, created_at: '2026-01-04' },
];
const BIG = 250;

interface StepNode {
	name: string;
	parameters: Record<string, unknown>;
	executeOnce?: boolean;
	type?: string;
	typeVersion?: number;
}

/** Manual trigger, then the given nodes in a chain; Basic nodes get the credential. */
function chain(name: string, credentialId: string, steps: StepNode[]): WorkflowFixture {
	const nodes: object[] = [
		{ id: newId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const connections: Record<string, object> = {};
	let previous = 'Start';
	steps.forEach((step, i) => {
		const type = step.type ?? NODE_TYPE;
		nodes.push({
			id: newId(),
			name: step.name,
			type,
			typeVersion: step.typeVersion ?? 1,
			position: [220 * (i + 1), 0],
			parameters: step.parameters,
			...(step.executeOnce ? { executeOnce: true } : {}),
			...(type === NODE_TYPE ? { credentials: { [CREDENTIAL_TYPE]: { id: credentialId, name: 'Basic e2e' } } } : {}),
		});
		connections[previous] = { main: [[{ node: step.name, type: 'main', index: 0 }]] };
		previous = step.name;
	});
	return { id: newId(), name: `basic e2e ${name}`, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

const row = (operation: string, extra: Record<string, unknown> = {}) => ({
	resource: 'row',
	operation,
	projectId: PROJECT,
	table: 'todos',
	...extra,
});

describe('Basic (basic.tech) node and credential in real n8n', () => {
	const credentialId = newId();
	let crud: WorkflowFixture;
	let list: WorkflowFixture;
	let autoMap: WorkflowFixture;
	let missing: WorkflowFixture;
	let http: WorkflowFixture;
	let me: WorkflowFixture;

	const { n8n, emu } = useN8nSpec('basic-tech', {
		servers: {
			emu: async () =>
				await startBasicEmulator({
					projects: {
						[PROJECT]: {
							todos: seedTodos,
							big: Array.from({ length: BIG }, (_, n) => ({ id: `b${String(n).padStart(3, '0')}`, n })),
							inbox: [],
						},
					},
				}),
		},
		fixtures: async ({ emu }) => {
			const tokens = await signInTokens(emu, PROJECT);

			crud = chain('crud', credentialId, [
				{ name: 'Create', parameters: row('create', { dataMode: 'json', rowJson: '{"title":"From n8n","status":"new","priority":4}' }) },
				{ name: 'Get', parameters: row('get', { rowId: '={{ $json.id }}' }) },
				{ name: 'Update', parameters: row('update', { rowId: '={{ $json.id }}', dataMode: 'json', rowJson: '{"status":"doing"}' }) },
				{ name: 'Replace', parameters: row('replace', { rowId: '={{ $json.id }}', dataMode: 'json', rowJson: '{"title":"Replaced"}' }) },
				{ name: 'Delete', parameters: row('delete', { rowId: '={{ $json.id }}' }) },
				{ name: 'Me', parameters: { resource: 'user', operation: 'get' } },
			]);
			list = chain('list', credentialId, [
				{
					name: 'Filtered',
					parameters: row('getAll', {
						limit: 10,
						filters: { conditions: [{ field: 'status', operator: 'eq', value: 'open' }, { field: 'priority', operator: 'gte', value: '2' }] },
						sort: { rules: [{ field: 'priority', direction: 'desc' }] },
					}),
				},
				{ name: 'All', executeOnce: true, parameters: row('getAll', { table: 'big', returnAll: true, options: { pageSize: 40 } }) },
				{
					name: 'Paged',
					executeOnce: true,
					parameters: row('getAll', { limit: 2, options: { offset: 1 }, sort: { rules: [{ field: 'created_at', direction: 'asc' }] } }),
				},
				{
					name: 'Patterns',
					executeOnce: true,
					parameters: row('getAll', {
						returnAll: true,
						filters: {
							conditions: [
								{ field: 'title', operator: 'ilike', value: '*MILK*' },
								{ field: 'status', operator: 'in', value: 'done,deleted' },
							],
						},
					}),
				},
				{
					name: 'Negated',
					executeOnce: true,
					parameters: row('getAll', {
						returnAll: true,
						filters: { conditions: [{ field: 'status', operator: 'not', value: 'eq.open' }] },
						sort: { rules: [{ field: 'status', direction: 'asc' }, { field: 'priority', direction: 'desc' }] },
					}),
				},
			]);
			autoMap = chain('auto-map', credentialId, [
				{
					name: 'Items',
					type: 'n8n-nodes-base.code',
					typeVersion: 2,
					parameters: { jsCode: "return [{ json: { title: 'one', n: 1 } }, { json: { title: 'two', n: 2 } }];" },
				},
				{ name: 'Create From Items', parameters: row('create', { table: 'inbox', dataMode: 'autoMap' }) },
			]);
			missing = chain('missing', credentialId, [{ name: 'Get Missing', parameters: row('get', { rowId: 'no-such-row' }) }]);
			me = chain('me', credentialId, [{ name: 'Me', parameters: { resource: 'user', operation: 'get' } }]);
			http = httpWorkflow({
				url: `${emu.url}/account/${PROJECT}/db/todos?status=eq.open&order=priority.desc`,
				credentialType: CREDENTIAL_TYPE,
				credentialId,
				credentialName: 'Basic e2e',
			});

			return {
				credentials: [
					{
						id: credentialId,
						name: 'Basic e2e',
						type: CREDENTIAL_TYPE,
						// Only what the user types: the flow URLs come from the type's expressions over these.
						data: { server: 'custom', baseUrl: emu.url, clientId: PROJECT, scope: 'profile', oauthTokenData: tokens },
					},
				],
				workflows: [crud, list, autoMap, missing, me, http],
			};
		},
	});

	it('creates, gets, updates (PATCH), replaces (PUT) and deletes a row, and gets the user', async () => {
		const result = await n8n.execute(crud.id);
		expect(errorText(result.run)).toBe('');
		expect(result.ok).toBe(true);
		const [created] = nodeItems(result.run, 'Create');
		expect(created).toMatchObject({ title: 'From n8n', status: 'new', priority: 4 });
		expect(typeof created.id).toBe('string');
		expect(nodeItems(result.run, 'Get')).toEqual([created]);
		expect(nodeItems(result.run, 'Update')).toEqual([{ ...created, status: 'doing' }]);
		expect(nodeItems(result.run, 'Replace')).toEqual([{ id: created.id, title: 'Replaced' }]);
		expect(nodeItems(result.run, 'Delete')).toEqual([{ id: created.id, title: 'Replaced', deleted: true }]);
		expect(nodeItems(result.run, 'Me')).toEqual([{ id: 'user-1', email: 'ada@example.com', name: 'Ada Lovelace', username: 'ada' }]);
		expect(emu.rows(PROJECT, 'todos').map((r) => r.id)).toEqual(['r1', 'r2', 'r3', 'r4']);
		const methods = emu.state.dbRequests.filter((r) => r.path.includes('/db/todos')).map((r) => `${r.method} ${r.status}`);
		expect(methods).toEqual(['POST 200', 'GET 200', 'PATCH 200', 'PUT 200', 'DELETE 200']);
	});

	it('lists rows with filters, order, limit and offset, and pages through a table with Return All', async () => {
		const before = emu.state.dbRequests.length;
		const result = await n8n.execute(list.id);
		expect(errorText(result.run)).toBe('');
		const ids = (name: string) => nodeItems(result.run, name).map((item) => item.id);
		expect(ids('Filtered')).toEqual(['r3', 'r1']);
		expect(nodeItems(result.run, 'All').map((item) => item.n)).toEqual(Array.from({ length: BIG }, (_, n) => n));
		expect(ids('Paged')).toEqual(['r3', 'r1']);
		expect(ids('Patterns')).toEqual(['r2']);
		expect(ids('Negated')).toEqual(['r4', 'r2']);
		const bigPages = emu.state.dbRequests.slice(before).filter((r) => r.path.endsWith('/db/big'));
		expect(bigPages.map((r) => new URLSearchParams(r.query).get('offset'))).toEqual(['0', '40', '80', '120', '160', '200', '240']);
		expect(bigPages.every((r) => new URLSearchParams(r.query).get('limit') === '40')).toBe(true);
		const filtered = emu.state.dbRequests.slice(before).find((r) => r.query.includes('status='));
		expect(Object.fromEntries(new URLSearchParams(filtered?.query))).toEqual({ status: 'eq.open', priority: 'gte.2', order: 'priority.desc', limit: '10' });
	});

	it('creates one row per input item from the items themselves', async () => {
		const result = await n8n.execute(autoMap.id);
		expect(errorText(result.run)).toBe('');
		expect(nodeItems(result.run, 'Create From Items')).toEqual([
			expect.objectContaining({ title: 'one', n: 1 }),
			expect.objectContaining({ title: 'two', n: 2 }),
		]);
		expect(emu.rows(PROJECT, 'inbox').map((r) => r.title)).toEqual(['one', 'two']);
	});

	it("surfaces Basic's errors with their status and message", async () => {
		const result = await n8n.execute(missing.id);
		expect(result.ok).toBe(false);
		expect(errorText(result.run)).toMatch(/404/);
		expect(errorText(result.run)).toMatch(/Row "no-such-row" not found/);
	});

	it('works from the HTTP Request node with the predefined credential type', async () => {
		const result = await n8n.execute(http.id);
		expect(errorText(result.run)).toBe('');
		const [body] = nodeItems(result.run, HTTP_NODE);
		expect((body.data as Array<{ id: string }>).map((r) => r.id)).toEqual(['r3', 'r1']);
	});

	it('refreshes on 401 after the access token expires and keeps the rotated refresh token', async () => {
		const refreshes = () => emu.state.tokenRequests.filter((t) => t.grantType === 'refresh_token');
		expect(refreshes()).toHaveLength(0);

		emu.expireAccessTokens();
		const first = await n8n.execute(me.id);
		expect(errorText(first.run)).toBe('');
		expect(nodeItems(first.run, 'Me')[0]).toMatchObject({ id: 'user-1' });
		expect(refreshes()).toHaveLength(1);
		expect(refreshes()[0]).toMatchObject({ ok: true, contentType: 'application/x-www-form-urlencoded', clientId: PROJECT });

		// The next run uses the stored new access token: no refresh.
		const calm = await n8n.execute(me.id);
		expect(calm.ok).toBe(true);
		expect(refreshes()).toHaveLength(1);

		// Expire again: n8n must present the refresh token Basic rotated in, not the first one.
		emu.expireAccessTokens();
		const second = await n8n.execute(http.id);
		expect(errorText(second.run)).toBe('');
		expect(refreshes()).toHaveLength(2);
		expect(refreshes()[1]).toMatchObject({ ok: true, presentedRefreshToken: refreshes()[0].issuedRefreshToken });
	});

	// Last: it revokes the credential's refresh tokens for good.
	it('names a refused refresh token in the node\'s error, never "no message"', async () => {
		emu.revokeRefreshTokens('The refresh token was revoked: the account signed out everywhere');
		emu.expireAccessTokens();
		const result = await n8n.execute(me.id);
		expect(result.ok).toBe(false);
		expect(emu.state.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', ok: false, error: 'invalid_grant' });
		// Basic's answer is gone on both lines: n8n-core 2.x replaces client-oauth2's AuthError for
		// invalid_grant by its own error; n8n-workflow 1.x keeps only the AuthError's message.
		expect(errorText(result.run)).toMatch(
			currentLine().line === '2'
				? /^The request to Basic failed: The credential "Basic e2e" needs to be reconnected\./
				: /^The request to Basic failed: The provided authorization grant .* or refresh token is invalid, expired, revoked, .* or was issued to another client\./,
		);
	});
});

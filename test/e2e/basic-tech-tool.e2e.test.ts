/* eslint-disable @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// The Basic (basic.tech) node as a tool of n8n's AI Agent (basicTechTool, made by n8n from
// `usableAsTool`), in real n8n against the Basic emulator: the scripted model lists rows, then
// gets one by an ID it read from the list; the credential refreshes on 401 from the tool too.
import { nodeItems } from './harness/cli';
import { AGENT_NODE, agentWorkflow, openAiCredential, ToolNode } from './harness/agent-workflows';
import { currentLine } from './harness/line';
import { useN8nSpec } from './harness/spec-setup';
import { newId, WorkflowFixture } from './harness/workflows';
import { startBasicEmulator } from '../servers/basic-emulator';
import { signInTokens } from '../servers/basic-emulator/sign-in';
import { callTool, ChatRequest, finalAnswer, startChatModel } from '../servers/chat-model';

const line = currentLine();
const AGENT_VERSION = line.line === '2' ? 3.1 : 2.2;
const PROJECT = 'proj-agent';
const TOOL_TYPE = 'n8n-nodes-token-auth.basicTechTool';
const CREDENTIAL_TYPE = 'basicTechOAuth2Api';
const todos = [
	{ id: 'r1', title: 'Write report', status: 'open', priority: 3 },
	{ id: 'r2', title: 'Buy milk', status: 'done', priority: 1 },
	{ id: 'r3', title: 'Plan project', status: 'open', priority: 5 },
];

/** The row ID the model picks: the list's row titled "Plan project", read from the tool result it got. */
function idOfPlanProject(request: ChatRequest): Record<string, unknown> {
	for (const result of request.toolResults) {
		const match = /"id":"([^"]+)","title":"Plan project"/.exec(result);
		if (match) return { rowId: match[1] };
	}
	return { rowId: 'no-list-result-seen' };
}

describe(`Basic node as an AI Agent tool (n8n ${line.version})`, () => {
	let workflow: WorkflowFixture;
	let signIn: Record<string, unknown>;
	const basicCredential = { id: newId(), name: 'Basic agent e2e' };
	const tool = (name: string, parameters: Record<string, unknown>): ToolNode => ({
		name,
		type: TOOL_TYPE,
		typeVersion: 1,
		parameters: { descriptionType: 'auto', resource: 'row', projectId: PROJECT, table: 'todos', ...parameters },
		credentials: { [CREDENTIAL_TYPE]: basicCredential },
	});

	const { n8n, emu, model } = useN8nSpec('basic-tool', {
		servers: { emu: () => startBasicEmulator({ projects: { [PROJECT]: { todos } } }), model: () => startChatModel() },
		fixtures: async ({ emu, model }) => {
			signIn = await signInTokens(emu, PROJECT);
			const modelCredential = openAiCredential(model);
			workflow = agentWorkflow({
				name: 'Basic as agent tool',
				agentVersion: AGENT_VERSION,
				modelCredential,
				prompt: 'What is the priority of the todo "Plan project"?',
				tools: [
					tool('List_todos', { operation: 'getAll', limit: 10 }),
					tool('Get_todo', { operation: 'get', rowId: "={{ $fromAI('rowId', 'ID of the todo row to read', 'string') }}" }),
				],
			});
			const basic = { ...basicCredential, type: CREDENTIAL_TYPE, data: { server: 'custom', baseUrl: emu.url, clientId: PROJECT, scope: 'profile', oauthTokenData: signIn } };
			return { credentials: [modelCredential, basic], workflows: [workflow] };
		},
	});

	it('lists rows, then gets the one the model picked, and answers from it', async () => {
		model.script([callTool(1, () => ({}), /^List_todos$/), callTool(1, (_i, request) => idOfPlanProject(request), /^Get_todo$/), finalAnswer()]);
		const before = emu.state.dbRequests.length;
		const result = await n8n.execute(workflow.id);
		const answer = String(nodeItems(result.run, AGENT_NODE)[0]?.output ?? '');
		expect(answer).toContain('"priority":5');
		const calls = emu.state.dbRequests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`);
		expect(calls).toEqual([`GET /account/${PROJECT}/db/todos 200`, `GET /account/${PROJECT}/db/todos/r3 200`]);
		// The model got small JSON rows: the list result is the three rows, nothing else.
		const listResult = model.requests[1].toolResults[0];
		expect(JSON.parse(listResult)).toEqual(todos);
	});

	it('offers the model tools whose descriptions say what they do, and the row ID as a parameter', async () => {
		const offered = model.requests[0].tools ?? [];
		const byName = Object.fromEntries(offered.map((t) => [t.function.name, t.function]));
		expect(Object.keys(byName).sort()).toEqual(['Get_todo', 'List_todos']);
		expect(byName.List_todos.description).toMatch(/rows/i);
		expect(byName.Get_todo.description).toMatch(/row/i);
		const parameters = byName.Get_todo.parameters as { properties: Record<string, { description?: string }> };
		expect(parameters.properties.rowId.description).toBe('ID of the todo row to read');
	});

	it('refreshes the access token from the tool when Basic answers 401, keeping the rotated refresh token', async () => {
		const before = emu.state.tokenRequests.filter((t) => t.grantType === 'refresh_token').length;
		emu.expireAccessTokens();
		model.script([callTool(3, () => ({}), /^List_todos$/), finalAnswer()]);
		const result = await n8n.execute(workflow.id);
		const refreshes = emu.state.tokenRequests.filter((t) => t.grantType === 'refresh_token').slice(before);
		if (process.env.E2E_DEBUG) console.log(`n8n ${line.version}: ${refreshes.length} refresh(es) for 3 tool calls after the access token expired`);
		// n8n 2.41.1 refreshes once for the three calls, presenting the refresh token Basic rotated
		// in last. n8n 1.123.81 (AI Agent 3) refreshes in each of the three tool runs with the
		// credential as it was when the execution started, so the later ones present a refresh token
		// Basic has already rotated away and are refused (measured: 3 refreshes, not all accepted).
		// That is n8n 1.x's OAuth2 refresh, not this package; there only the first must succeed.
		expect(refreshes.length).toBeGreaterThanOrEqual(1);
		expect(refreshes[0].ok).toBe(true);
		if (line.line !== '2') {
			console.log(`n8n ${line.version}: ${refreshes.length} refreshes for 3 tool calls, ${refreshes.filter((r) => !r.ok).length} refused (stale refresh token in later tool runs)`);
			return;
		}
		expect(refreshes).toHaveLength(1);
		expect(model.requests.at(-1)?.toolResults).toHaveLength(3);
		for (const seen of model.requests.at(-1)?.toolResults ?? []) expect(seen).toContain('Plan project');
		expect(String(nodeItems(result.run, AGENT_NODE)[0]?.output ?? '')).toContain('Write report');
	});

	it("fails the tool with Basic's own error for a missing row; on n8n 2.x the model reads it", async () => {
		model.script([callTool(1, () => ({ rowId: 'no-such-row' }), /^Get_todo$/), finalAnswer()]);
		const result = await n8n.execute(workflow.id);
		const toolErrors = (result.run.data.resultData.runData.Get_todo ?? []).map((r) => r.error?.message ?? '');
		expect(toolErrors.at(-1)).toMatch(/Basic returned 404: Row "no-such-row" not found/);
		const [seen] = model.requests.at(-1)?.toolResults ?? [];
		if (process.env.E2E_DEBUG) console.log(`n8n ${line.version}, missing row, the model saw: ${seen}`);
		// n8n 2.41.1 hands the model the error message as JSON text; n8n 1.123.81 hands it an
		// empty tool result (measured), the error shows only in the execution.
		if (line.line === '2') expect(JSON.parse(seen)).toEqual([{ error: expect.stringMatching(/^Basic returned 404: Row "no-such-row" not found/) }]);
	});

	it('the model never saw an access or refresh token', () => {
		const seen = model.rawBodies.join('\n');
		const tokens = [signIn.access_token, signIn.refresh_token, ...emu.state.tokenRequests.map((t) => t.issuedRefreshToken)].filter(
			(t): t is string => typeof t === 'string' && t.length > 0,
		);
		expect(tokens.length).toBeGreaterThan(1);
		expect(tokens.filter((t) => seen.includes(t))).toEqual([]);
	});
});

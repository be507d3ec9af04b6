// The credentials as tools of n8n's AI Agent, in real n8n: AI Agent + OpenAI Chat Model (pointed
// at the scripted chat-model server) + the HTTP Request Tool with a predefined credential type.
// The model asks for several tool calls in one answer; the token endpoints count what they saw.
//
// Two ways n8n runs the tool calls of one answer, both tested:
// - AI Agent 3.x (2.x line): the agent hands them to n8n's engine as an EngineRequest, which runs
//   the tool nodes one after another (n8n-core dist/execution-engine/requests-response.js).
// - AI Agent 2.2: LangChain's AgentExecutor runs them together, so the credential sees
//   concurrent requests on a cold token.
import { errorText, ExecutionRun, nodeItems } from './harness/cli';
import type { CredentialFixture } from './harness/cli';
import { AGENT_NODE, agentWorkflow, httpRequestTool, legacyHttpRequestTool, openAiCredential, ToolNode } from './harness/agent-workflows';
import { createInstance, N8nInstance } from './harness/instance';
import { basicToBearerCredential, bearerTokenCredential, labIssuedToken, passwordGrantCredential, tokenLoginCredential } from './harness/lab-credentials';
import { currentLine } from './harness/line';
import { WorkflowFixture } from './harness/workflows';
import { callTool, ChatModel, finalAnswer, startChatModel } from '../servers/chat-model';
import { LoginLab, startLoginLab } from '../servers/login-lab';
import { startTokenLab, TokenLab } from '../servers/token-lab';

const line = currentLine();
/** The default AI Agent version of each line (engine runs tools), and the one running them together. */
const ENGINE_AGENT = line.line === '2' ? 3.1 : 2.2;
const CONCURRENT_AGENT = 2.2;
const PARALLEL = 5;
const WRONG_PASSWORD = 'Wr0ng-horse-battery';

interface Kind {
	label: string;
	type: string;
	/** Token calls the endpoint has answered so far (logins, grants, refreshes). */
	tokenCalls(): number;
	/** Refused logins so far. */
	refused(): number;
	apiUrl(): string;
	credential(overrides?: Record<string, unknown>): CredentialFixture;
	revokeAll(): void;
}

describe(`AI Agent tools with the package's credentials (n8n ${line.version})`, () => {
	let n8n: N8nInstance;
	let model: ChatModel;
	let lab: TokenLab;
	let loginLab: LoginLab;
	let modelCredential: CredentialFixture;
	const secrets = new Set<string>();

	const kinds: Kind[] = [
		{
			label: 'Basic to Bearer',
			type: 'basicToBearerApi',
			tokenCalls: () => lab.counts.basicTokenCalls,
			refused: () => lab.counts.basicRefused,
			apiUrl: () => lab.apiUrl,
			credential: (o) => basicToBearerCredential(lab, o),
			revokeAll: () => lab.revokeAllTokens(),
		},
		{
			label: 'OAuth2 Password Grant',
			type: 'passwordGrantOAuth2Api',
			tokenCalls: () => lab.counts.oauthPasswordCalls + lab.counts.oauthRefreshCalls,
			refused: () => lab.counts.oauthRefused,
			apiUrl: () => lab.apiUrl,
			credential: (o) => passwordGrantCredential(lab, o),
			revokeAll: () => lab.revokeAllTokens(),
		},
		{
			label: 'Token Login API',
			type: 'tokenLoginApi',
			tokenCalls: () => loginLab.counts.loginCalls,
			refused: () => loginLab.counts.loginRefused,
			apiUrl: () => loginLab.apiUrl,
			credential: (o) => tokenLoginCredential(loginLab, o),
			revokeAll: () => loginLab.revokeAllTokens(),
		},
	];

	interface Setup {
		kind: Kind;
		cold: WorkflowFixture;
		concurrent: WorkflowFixture;
		wrong: WorkflowFixture;
		legacy: WorkflowFixture;
	}
	const setups: Setup[] = [];
	let bearer: WorkflowFixture;

	const run = async (workflow: WorkflowFixture): Promise<ExecutionRun> => {
		const result = await n8n.cli.execute(workflow.id);
		return result.run;
	};
	const agentOutput = (run: ExecutionRun): string => String(nodeItems(run, AGENT_NODE)[0]?.output ?? '');
	const item = (i: number) => ({ item: String(i) });

	beforeAll(async () => {
		model = await startChatModel();
		lab = await startTokenLab({ tokenDelayMs: 300 });
		loginLab = await startLoginLab({ tokenDelayMs: 300 });
		n8n = createInstance('ai-agent');
		modelCredential = openAiCredential(model);
		const credentials: CredentialFixture[] = [modelCredential];
		const workflows: WorkflowFixture[] = [];
		const tool = (maker: typeof httpRequestTool, kind: Kind, credential: CredentialFixture, settings: Partial<ToolNode> = {}) =>
			maker('Read_item', kind.apiUrl(), credential, settings);
		for (const kind of kinds) {
			const good = kind.credential();
			const concurrentGood = kind.credential();
			const legacyGood = kind.credential();
			const wrong = kind.credential({ password: WRONG_PASSWORD });
			credentials.push(good, concurrentGood, legacyGood, wrong);
			const setup: Setup = {
				kind,
				cold: agentWorkflow({ name: `agent ${kind.type}`, agentVersion: ENGINE_AGENT, modelCredential, tools: [tool(httpRequestTool, kind, good)] }),
				concurrent: agentWorkflow({
					name: `agent 2.2 ${kind.type}`,
					agentVersion: CONCURRENT_AGENT,
					modelCredential,
					tools: [tool(httpRequestTool, kind, concurrentGood)],
				}),
				// The agent retries a failing tool (retry on fail, 3 tries): still at most one login.
				wrong: agentWorkflow({
					name: `agent wrong ${kind.type}`,
					agentVersion: CONCURRENT_AGENT,
					modelCredential,
					tools: [tool(httpRequestTool, kind, wrong, { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 })],
				}),
				legacy: agentWorkflow({
					name: `agent legacy ${kind.type}`,
					agentVersion: ENGINE_AGENT,
					modelCredential,
					tools: [tool(legacyHttpRequestTool, kind, legacyGood)],
				}),
			};
			setups.push(setup);
			workflows.push(setup.cold, setup.concurrent, setup.wrong, setup.legacy);
		}
		const bearerCredential = bearerTokenCredential(await labIssuedToken(lab));
		credentials.push(bearerCredential);
		bearer = agentWorkflow({
			name: 'agent bearer',
			agentVersion: ENGINE_AGENT,
			modelCredential,
			tools: [httpRequestTool('Read_item', lab.apiUrl, bearerCredential)],
		});
		workflows.push(bearer);
		for (const secret of [lab.settings.password, lab.settings.clientSecret, loginLab.settings.password, WRONG_PASSWORD, bearerCredential.data.token as string]) {
			secrets.add(secret);
		}
		await n8n.cli.importCredentials(credentials);
		await n8n.cli.importWorkflow(workflows);
	});

	afterAll(async () => {
		await Promise.all([model?.close(), lab?.close(), loginLab?.close()]);
		n8n?.cleanup();
	});

	describe.each(kinds.map((kind) => [kind.label, kind] as const))('%s in the HTTP Request Tool', (_label, kind) => {
		const setup = () => setups.find((s) => s.kind === kind) as Setup;

		it(`${PARALLEL} tool calls in one answer on a cold credential make exactly 1 token call, and the answer has the API's data`, async () => {
			const before = kind.tokenCalls();
			model.script([callTool(PARALLEL, item), finalAnswer()]);
			const result = await run(setup().cold);
			expect(errorText(result)).toBe('');
			expect(kind.tokenCalls() - before).toBe(1);
			const answer = agentOutput(result);
			for (let i = 1; i <= PARALLEL; i++) expect(answer).toContain(`"item":"${i}"`);
			expect(model.requests.at(-1)?.toolResults).toHaveLength(PARALLEL);
		});

		it('a second run makes no token call', async () => {
			const before = kind.tokenCalls();
			model.script([callTool(2, item), finalAnswer()]);
			const result = await run(setup().cold);
			expect(errorText(result)).toBe('');
			expect(kind.tokenCalls() - before).toBe(0);
			expect(agentOutput(result)).toContain('"item":"2"');
		});

		it('the API rejecting the token mid-run costs exactly one renewal', async () => {
			const before = kind.tokenCalls();
			model.script([callTool(2, item), callTool(3, item, undefined, () => kind.revokeAll()), finalAnswer()]);
			const result = await run(setup().cold);
			expect(errorText(result)).toBe('');
			expect(kind.tokenCalls() - before).toBe(1);
			const results = model.requests.at(-1)?.toolResults ?? [];
			expect(results).toHaveLength(5);
			for (const text of results) expect(text).toContain('"ok":true');
		});

		it(`${PARALLEL} concurrent tool calls (AI Agent ${CONCURRENT_AGENT}) on a cold credential make exactly 1 token call`, async () => {
			const before = kind.tokenCalls();
			model.script([callTool(PARALLEL, item), finalAnswer()]);
			const result = await run(setup().concurrent);
			expect(errorText(result)).toBe('');
			expect(kind.tokenCalls() - before).toBe(1);
			const answer = agentOutput(result);
			for (let i = 1; i <= PARALLEL; i++) expect(answer).toContain(`"item":"${i}"`);
		});

		it('a wrong password reaches the model as a clear error without the password, after at most 1 login', async () => {
			const before = kind.tokenCalls();
			const refusedBefore = kind.refused();
			model.script([callTool(PARALLEL, item), finalAnswer()]);
			const result = await run(setup().wrong);
			expect(kind.tokenCalls() - before).toBeLessThanOrEqual(1);
			expect(kind.refused() - refusedBefore).toBeLessThanOrEqual(1);
			const seen = model.requests.at(-1)?.toolResults ?? [];
			expect(seen).toHaveLength(PARALLEL);
			for (const text of seen) {
				expect(text).toMatch(/refused|rejected|wrong|password|401/i);
				expect(text).not.toContain(WRONG_PASSWORD);
			}
			if (process.env.E2E_DEBUG) console.log(`${kind.type} wrong password, the model saw: ${seen[0]}`);
			expect(result.data.resultData.runData[AGENT_NODE]).toBeDefined();
		});

		it('works from the older HTTP Request Tool (toolHttpRequest) too: parallel calls, one token call', async () => {
			const before = kind.tokenCalls();
			model.script([callTool(PARALLEL, item), finalAnswer()]);
			const result = await run(setup().legacy);
			expect(errorText(result)).toBe('');
			expect(kind.tokenCalls() - before).toBe(1);
			const answer = agentOutput(result);
			const path = new URL(kind.apiUrl()).pathname;
			for (let i = 1; i <= PARALLEL; i++) expect(answer).toContain(`"path":"${path}/${i}"`);
			expect(model.requests.at(-1)?.toolResults).toHaveLength(PARALLEL);
		});
	});

	it('Bearer Token API works in the HTTP Request Tool', async () => {
		const before = lab.counts.apiAccepted;
		model.script([callTool(PARALLEL, item), finalAnswer()]);
		const result = await run(bearer);
		expect(errorText(result)).toBe('');
		expect(lab.counts.apiAccepted - before).toBe(PARALLEL);
		expect(agentOutput(result)).toContain(`"item":"${PARALLEL}"`);
	});

	it('the model never saw a password, client secret or token of the test', () => {
		const seen = model.rawBodies.join('\n');
		expect(model.rawBodies.length).toBeGreaterThan(0);
		const all = [...secrets, ...lab.issuedAccessTokens, ...lab.issuedRefreshTokens, ...loginLab.issuedTokens];
		expect(all.length).toBeGreaterThan(secrets.size);
		const found = all.filter((secret) => seen.includes(secret));
		expect(found).toEqual([]);
	});
});

/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets, @n8n/community-nodes/no-restricted-globals, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// The credentials as tools of n8n's AI Agent, in real n8n: AI Agent + OpenAI Chat Model (pointed
// at the scripted chat-model server) + the HTTP Request Tool with a predefined credential type.
// The model asks for several tool calls in one answer; the token endpoints count what they saw.
//
// Two ways n8n runs the tool calls of one answer, both tested:
// - AI Agent 3.x (2.x line): the agent hands them to n8n's engine as an EngineRequest, which runs
//   the tool nodes one after another (n8n-core dist/execution-engine/requests-response.js).
// - AI Agent 2.2: LangChain's AgentExecutor runs them together (Promise.all in
//   @langchain/classic/dist/agents/executor.js), so the credential sees concurrent requests on a
//   cold token. The older toolHttpRequest runs only there: AI Agent 3.x hands it to the engine,
//   which refuses a node with `supplyData` and no `execute`.
// Each run also calls a tool whose credential has a wrong password (retry on fail, 3 tries).
// The per-request types (Self-Signed JWT, HMAC Signature, AWS Signature V4) as tools of both
// agents: every tool call signed afresh, verified by the self-signed JWT lab (jose) and the
// signing lab (each signature recomputed from the raw request; a reused one refused).
import { errorText, ExecutionRun, nodeItems } from './harness/cli';
import type { CredentialFixture } from './harness/cli';
import { AGENT_NODE, agentWorkflow, httpRequestTool, legacyHttpRequestTool, openAiCredential, toolResults, ToolNode } from './harness/agent-workflows';
import { CONCURRENT_AGENT, ENGINE_AGENT, item, kinds, PARALLEL, startLabs, type Kind } from './harness/agent-kinds';
import { bearerTokenCredential, labIssuedToken } from './harness/lab-credentials';
import { currentLine } from './harness/line';
import { useN8nSpec } from './harness/spec-setup';
import { WorkflowFixture } from './harness/workflows';
import { callTool, finalAnswer, startChatModel, together } from '../servers/chat-model';
import { startSelfSignedJwtLab } from '../servers/self-signed-jwt-lab';
import { SIGNING_LAB_KEYS, startSigningLab } from '../servers/signing-lab';
import { selfSignedFields } from '../support/self-signed-fields';
import { selfSignedCredential, signingCredential } from './harness/signing-credentials';

const line = currentLine();
const WRONG_PASSWORD = 'Wr0ng-horse-battery';
const retries: Partial<ToolNode> = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };
/**
 * n8n 1.123.81's engine stops the whole execution when a tool node run by AI Agent 3 fails
 * (measured: `n8n execute` exits 1 before the model gets the results; n8n-core
 * dist/execution-engine/workflow-execute.js breaks out of the run unless the node continues on
 * fail). There the wrong password is checked with AI Agent 2.2 only.
 */
const ENGINE_RUN_SURVIVES_TOOL_ERRORS = line.line === '2';

describe(`AI Agent tools with the package's credentials (n8n ${line.version})`, () => {
	const secrets = new Set<string>();
	const engine = new Map<Kind, WorkflowFixture>();
	const concurrent = new Map<Kind, WorkflowFixture>();
	let bearer: WorkflowFixture;
	/** Per agent version, an agent whose three tools sign each request: a self-signed JWT, HMAC (Binance), AWS Signature V4. */
	const signing = new Map<number, WorkflowFixture>();
	/**
	 * The run's shared n8n runs every workflow; the labs of the HTTP Request Tool, and separate ones
	 * for the older tool (counted apart). The agent's second run in a new n8n process: next-process.
	 */
	const { n8n, model, labs, legacyLabs, signingLab, jwtLab } = useN8nSpec('ai-agent', {
		servers: { model: () => startChatModel(), labs: startLabs, legacyLabs: startLabs, signingLab: startSigningLab, jwtLab: startSelfSignedJwtLab },
		fixtures: async ({ model, labs, legacyLabs, signingLab, jwtLab }) => {
			const modelCredential = openAiCredential(model);
			const credentials: CredentialFixture[] = [modelCredential];
			for (const kind of kinds) {
				const [good, concurrentGood, wrong] = [kind.credential(labs), kind.credential(labs, kind.distinct(labs, 'concurrent')), kind.credential(labs, { password: WRONG_PASSWORD })];
				const legacy = kind.credential(legacyLabs);
				credentials.push(good, concurrentGood, wrong, legacy);
				const wrongTool = httpRequestTool('Read_item_wrong', kind.apiUrl(labs), wrong, retries);
				engine.set(kind, agentWorkflow({
					name: `agent ${ENGINE_AGENT} ${kind.type}`,
					agentVersion: ENGINE_AGENT,
					modelCredential,
					tools: [httpRequestTool('Read_item', kind.apiUrl(labs), good), wrongTool],
				}));
				concurrent.set(kind, agentWorkflow({
					name: `agent ${CONCURRENT_AGENT} ${kind.type}`,
					agentVersion: CONCURRENT_AGENT,
					modelCredential,
					tools: [
						httpRequestTool('Read_item', kind.apiUrl(labs), concurrentGood),
						wrongTool,
						legacyHttpRequestTool('Read_item_legacy', kind.apiUrl(legacyLabs), legacy),
					],
				}));
			}
			// From the older tool's lab: the mid-run tests revoke every token of the other one.
			const bearerCredential = bearerTokenCredential(await labIssuedToken(legacyLabs.basic));
			credentials.push(bearerCredential);
			bearer = agentWorkflow({ name: 'agent bearer', agentVersion: ENGINE_AGENT, modelCredential, tools: [httpRequestTool('Read_item', legacyLabs.basic.apiUrl, bearerCredential)] });
			for (const lab of [labs, legacyLabs]) {
				for (const secret of [lab.basic.settings.password, lab.oauth.settings.password, lab.oauth.settings.clientSecret, lab.login.settings.password]) secrets.add(secret);
			}
			secrets.add(WRONG_PASSWORD);
			secrets.add(bearerCredential.data.token as string);
			const signers = [
				selfSignedCredential(selfSignedFields(jwtLab).hs256),
				signingCredential('hmacSignatureApi', { preset: 'binance', ...SIGNING_LAB_KEYS.binance, recvWindow: '5000' }),
				signingCredential('awsSigV4Api', { ...SIGNING_LAB_KEYS.aws, region: 'eu-west-1', service: 'execute-api', payloadSigning: 'signed' }),
			];
			credentials.push(...signers);
			for (const agentVersion of [ENGINE_AGENT, CONCURRENT_AGENT]) {
				// A path of each agent's own: AWS signatures are per second, so the same request from both
				// agents within one second would carry the same signature, which the lab refuses as replayed.
				const tools = [
					httpRequestTool('Read_jwt', `${jwtLab.url}/hs256/agent-${agentVersion}/items`, signers[0]),
					httpRequestTool('Read_hmac', `${signingLab.url}/binance/agent-${agentVersion}/account`, signers[1]),
					httpRequestTool('Read_aws', `${signingLab.url}/aws/agent-${agentVersion}/items`, signers[2]),
				];
				signing.set(agentVersion, agentWorkflow({ name: `agent ${agentVersion} signing`, agentVersion, modelCredential, tools }));
			}
			for (const secret of [jwtLab.keys.hs256Secret, SIGNING_LAB_KEYS.binance.secret, SIGNING_LAB_KEYS.aws.secretAccessKey]) secrets.add(secret);
			return { credentials, workflows: [...engine.values(), ...concurrent.values(), bearer, ...signing.values()] };
		},
	});

	const run = async (workflow: WorkflowFixture): Promise<ExecutionRun> => {
		const result = await n8n.execute(workflow.id);
		if (process.env.E2E_DEBUG) console.log(`${workflow.name}: the model saw ${JSON.stringify(model.requests.at(-1)?.toolResults)}`);
		return result.run;
	};
	const agentOutput = (run: ExecutionRun): string => String(nodeItems(run, AGENT_NODE)[0]?.output ?? '');
	const resultsOf = (name: string): string[] => toolResults(model, name);

	const eachKind = kinds.map((kind) => [kind.label, kind] as const);

	describe(`HTTP Request Tool, AI Agent ${ENGINE_AGENT}`, () => {
		it.each(eachKind)(`%s: ${PARALLEL} tool calls in one answer on a cold credential make exactly 1 token call and answer with the API's data; a wrong password reaches the model as a clear error without the password after at most 1 login`, async (_label, kind) => {
			const [issued, refused] = [kind.issued(labs), kind.refused(labs)];
			const wrongCalls = ENGINE_RUN_SURVIVES_TOOL_ERRORS ? [callTool(PARALLEL, item, /^Read_item_wrong$/)] : [];
			if (!ENGINE_RUN_SURVIVES_TOOL_ERRORS) console.log(`n8n ${line.version}: no wrong-password calls under AI Agent ${ENGINE_AGENT} (a failing tool stops the execution there); checked with AI Agent ${CONCURRENT_AGENT}`);
			model.script([together(callTool(PARALLEL, item, /^Read_item$/), ...wrongCalls), finalAnswer()]);
			const result = await run(engine.get(kind) as WorkflowFixture);
			expect(errorText(result)).toBe('');
			expect(kind.issued(labs) - issued).toBe(1);
			expect(kind.refused(labs) - refused).toBeLessThanOrEqual(1);
			const answer = agentOutput(result);
			for (let i = 1; i <= PARALLEL; i++) expect(answer).toContain(`"item":"${i}"`);
			if (!ENGINE_RUN_SURVIVES_TOOL_ERRORS) return;
			const toolErrors = (result.data.resultData.runData.Read_item_wrong ?? []).map((r) => r.error?.message ?? '');
			expect(toolErrors.length).toBeGreaterThan(0);
			for (const message of toolErrors) {
				expect(message).toMatch(/refused the login/);
				expect(message).not.toContain(WRONG_PASSWORD);
			}
			const wrong = resultsOf('Read_item_wrong');
			expect(wrong).toHaveLength(PARALLEL);
			for (const seen of wrong) {
				expect(seen).toMatch(/refused the login/);
				expect(seen).not.toContain(WRONG_PASSWORD);
			}
		});
	});

	describe(`AI Agent ${CONCURRENT_AGENT} (tools run together)`, () => {
		it.each(eachKind)(`%s: ${PARALLEL} concurrent calls on a cold credential make exactly 1 token call, in the HTTP Request Tool and in the older toolHttpRequest; a wrong password costs at most 1 login`, async (_label, kind) => {
			const [issued, refused, legacyIssued] = [kind.issued(labs), kind.refused(labs), kind.issued(legacyLabs)];
			model.script([
				together(callTool(PARALLEL, item, /^Read_item$/), callTool(PARALLEL, item, /^Read_item_wrong$/), callTool(PARALLEL, item, /^Read_item_legacy$/)),
				finalAnswer(),
			]);
			const result = await run(concurrent.get(kind) as WorkflowFixture);
			expect(errorText(result)).toBe('');
			expect(kind.issued(labs) - issued).toBe(1);
			expect(kind.refused(labs) - refused).toBeLessThanOrEqual(1);
			expect(kind.issued(legacyLabs) - legacyIssued).toBe(1);
			const answer = agentOutput(result);
			const legacyPath = new URL(kind.apiUrl(legacyLabs)).pathname;
			for (let i = 1; i <= PARALLEL; i++) {
				expect(answer).toContain(`"item":"${i}"`);
				// The older tool hands the model the body pretty-printed.
				expect(answer).toMatch(new RegExp(`"path": ?"${legacyPath}/${i}"`));
			}
			for (const seen of resultsOf('Read_item_wrong')) expect(seen).not.toContain(WRONG_PASSWORD);
		});
	});

	it.each([ENGINE_AGENT, CONCURRENT_AGENT])(`AI Agent %s: ${PARALLEL} calls of each signing tool in one answer (Self-Signed JWT, HMAC, AWS Signature V4), each request its own proof, every one verified`, async (agentVersion) => {
		jwtLab.reset();
		signingLab.reset();
		model.script([
			together(callTool(PARALLEL, item, /^Read_jwt$/), callTool(PARALLEL, item, /^Read_hmac$/), callTool(PARALLEL, item, /^Read_aws$/)),
			finalAnswer(),
		]);
		const result = await run(signing.get(agentVersion) as WorkflowFixture);
		expect(errorText(result)).toBe('');
		// The self-signed JWT lab verified each JWT with jose (signature, iss, aud) and refuses a replayed jti.
		expect(jwtLab.refused('hs256')).toEqual([]);
		const jwts = jwtLab.accepted('hs256');
		expect(jwts).toHaveLength(PARALLEL);
		expect(new Set(jwts.map((record) => record.payload?.jti)).size).toBe(PARALLEL);
		// The signing lab recomputed each signature from the raw request and refuses a reused one.
		expect(signingLab.verdicts.map(({ scheme, ok, reason }) => `${scheme} ${ok ? 'ok' : reason}`).sort()).toEqual([
			...Array(PARALLEL).fill('aws ok'),
			...Array(PARALLEL).fill('binance ok'),
		]);
		for (const scheme of ['aws', 'binance']) {
			expect(new Set(signingLab.verdicts.filter((verdict) => verdict.scheme === scheme).map((verdict) => verdict.proof)).size).toBe(PARALLEL);
		}
		for (const tool of ['Read_jwt', 'Read_hmac', 'Read_aws']) {
			const results = resultsOf(tool);
			expect(results).toHaveLength(PARALLEL);
			for (const text of results) expect(text).toContain('"ok":true');
		}
	});

	it('Bearer Token API works in the HTTP Request Tool', async () => {
		const before = legacyLabs.basic.counts.apiAccepted;
		model.script([callTool(PARALLEL, item), finalAnswer()]);
		const result = await run(bearer);
		expect(errorText(result)).toBe('');
		expect(legacyLabs.basic.counts.apiAccepted - before).toBe(PARALLEL);
		expect(agentOutput(result)).toContain(`"item":"${PARALLEL}"`);
	});

	it('the model never saw a password, client secret or token of the test', () => {
		const seen = model.rawBodies.join('\n');
		expect(model.rawBodies.length).toBeGreaterThan(0);
		const tokens = [labs, legacyLabs].flatMap((l) => [l.basic, l.oauth].flatMap((lab) => [...lab.issuedAccessTokens, ...lab.issuedRefreshTokens]).concat(l.login.issuedTokens));
		expect(tokens.length).toBeGreaterThan(0);
		const found = [...secrets, ...tokens].filter((secret) => seen.includes(secret));
		expect(found).toEqual([]);
	});
});

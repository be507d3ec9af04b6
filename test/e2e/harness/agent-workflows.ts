// AI Agent workflows: a manual trigger, an AI Agent with a fixed prompt, the OpenAI Chat Model
// pointed at the chat-model server (test/servers/chat-model.ts), and tool nodes.
import type { ChatModel } from '../../servers/chat-model';
import { MODEL_NAME } from '../../servers/chat-model';
import type { CredentialFixture } from './cli';
import { newId, WorkflowFixture } from './workflows';

export const AGENT_NODE = 'Agent';

export interface ToolNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	/** Node settings: retry on fail (the agent retries a failing tool call this way). */
	retryOnFail?: boolean;
	maxTries?: number;
	waitBetweenTries?: number;
}

export interface AgentWorkflowOptions {
	name: string;
	/** AI Agent node version: 3.1 lets n8n's engine run the tool calls, 2.2 runs them inside the agent. */
	agentVersion: number;
	modelCredential: CredentialFixture;
	tools: ToolNode[];
	prompt?: string;
}

/** An openAiApi credential whose Base URL is the chat-model server. */
export function openAiCredential(model: ChatModel): CredentialFixture {
	const id = newId();
	return { id, name: `lab model ${id}`, type: 'openAiApi', data: { apiKey: 'sk-lab-not-a-secret', organizationId: '', url: model.baseUrl, header: false } };
}

export function agentWorkflow(o: AgentWorkflowOptions): WorkflowFixture {
	const nodes: object[] = [
		{ id: newId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
		{
			id: newId(),
			name: AGENT_NODE,
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion: o.agentVersion,
			position: [240, 0],
			parameters: { promptType: 'define', text: o.prompt ?? 'Use the tools to answer.', options: {} },
		},
		{
			id: newId(),
			name: 'Chat Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			// 1.2: the chat-completions API (1.3 defaults to the Responses API).
			typeVersion: 1.2,
			position: [160, 220],
			parameters: { model: { __rl: true, mode: 'id', value: MODEL_NAME }, options: { maxRetries: 0 } },
			credentials: { openAiApi: { id: o.modelCredential.id, name: o.modelCredential.name } },
		},
	];
	const connections: Record<string, object> = {
		Start: { main: [[{ node: AGENT_NODE, type: 'main', index: 0 }]] },
		'Chat Model': { ai_languageModel: [[{ node: AGENT_NODE, type: 'ai_languageModel', index: 0 }]] },
	};
	o.tools.forEach((tool, i) => {
		const { name, type, typeVersion, parameters, credentials, ...settings } = tool;
		nodes.push({ id: newId(), name, type, typeVersion, parameters, position: [360 + 200 * i, 220], ...(credentials ? { credentials } : {}), ...settings });
		connections[name] = { ai_tool: [[{ node: AGENT_NODE, type: 'ai_tool', index: 0 }]] };
	});
	return { id: newId(), name: o.name, active: false, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** The HTTP Request node as a tool (n8n-nodes-base.httpRequestTool) with a predefined credential type; the model fills `item`. */
export function httpRequestTool(name: string, apiUrl: string, credential: CredentialFixture, settings: Partial<ToolNode> = {}): ToolNode {
	return {
		name,
		type: 'n8n-nodes-base.httpRequestTool',
		typeVersion: 4.2,
		parameters: {
			toolDescription: 'Reads one item of the example API by its number',
			method: 'GET',
			url: `=${apiUrl}?item={{ $fromAI('item', 'Number of the item to read', 'string') }}`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: credential.type,
			options: {},
		},
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
		...settings,
	};
}

/** The older HTTP Request Tool (@n8n/n8n-nodes-langchain.toolHttpRequest): the model fills the `{item}` placeholder. */
export function legacyHttpRequestTool(name: string, apiUrl: string, credential: CredentialFixture, settings: Partial<ToolNode> = {}): ToolNode {
	return {
		name,
		type: '@n8n/n8n-nodes-langchain.toolHttpRequest',
		typeVersion: 1.1,
		parameters: {
			toolDescription: 'Reads one item of the example API by its number',
			method: 'GET',
			url: `${apiUrl}/{item}`,
			authentication: 'predefinedCredentialType',
			nodeCredentialType: credential.type,
			placeholderDefinitions: { values: [{ name: 'item', description: 'Number of the item to read', type: 'string' }] },
		},
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
		...settings,
	};
}

/** Tool results the model got in its last request from the tool named `name`. */
export function toolResults(model: ChatModel, name: string): string[] {
	const messages = model.requests.at(-1)?.messages ?? [];
	const callIds = new Set(messages.flatMap((m) => m.tool_calls ?? []).filter((c) => c.function.name === name).map((c) => c.id));
	return messages.filter((m) => m.role === 'tool' && callIds.has(m.tool_call_id ?? '')).map((m) => (typeof m.content === 'string' ? m.content : JSON.stringify(m.content)));
}

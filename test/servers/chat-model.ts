/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * Chat-model server: a scripted language model on 127.0.0.1 speaking the OpenAI chat-completions
 * API, so n8n's OpenAI Chat Model node (Base URL = `model.baseUrl`) drives a real AI Agent with
 * no outside service.
 *   POST /v1/chat/completions  answers with the next scripted turn (JSON, or SSE when `stream`)
 *   GET  /v1/models            one model, for the node's model list
 * Each turn either calls tools (several calls in one answer make the agent run them together) or
 * gives the final answer, usually built from the tool results the agent sent back. Every request
 * body is recorded, so a test can assert what the model saw.
 *
 *   const model = await startChatModel();
 *   model.script([callTool(5, (i) => ({ item: String(i) })), finalAnswer()]);
 *   model.requests[1].toolResults;  model.rawBodies.join('\n')
 *
 * It stops by itself after `maxLifetimeMs` (default 30 min).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';

export const MODEL_NAME = 'lab-model-1';

export interface ChatMessage {
	role: string;
	content?: unknown;
	tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
	tool_call_id?: string;
	name?: string;
}

export interface ChatTool {
	type: string;
	function: { name: string; description?: string; parameters?: unknown };
}

/** One request the agent sent, parsed. */
export interface ChatRequest {
	model?: string;
	stream?: boolean;
	messages: ChatMessage[];
	tools?: ChatTool[];
	/** Text of the `tool` messages, in order: what the tools returned to the model. */
	toolResults: string[];
	/** Names of the tools offered. */
	toolNames: string[];
}

export interface ToolCall {
	name: string;
	arguments: Record<string, unknown>;
}

/** What the model answers one request with: tool calls, or a final text. */
export type ChatAnswer = { toolCalls: ToolCall[] } | { content: string };

export interface ChatTurn {
	/** Runs before the answer (e.g. make the API reject its tokens mid-run). */
	before?: () => void | Promise<void>;
	answer: (request: ChatRequest) => ChatAnswer;
}

export interface ChatModel {
	/** Base URL for the openAiApi credential (ends with /v1). */
	baseUrl: string;
	/** Every chat-completions request, parsed, in order. */
	requests: ChatRequest[];
	/** Every request body as received, for secret searches. */
	rawBodies: string[];
	/** Replaces the remaining turns; each request takes the next one. */
	script(turns: ChatTurn[]): void;
	/** Turns not yet used. */
	remainingTurns(): number;
	reset(): void;
	close(): Promise<void>;
}

/**
 * A turn calling one tool `count` times in one answer, call i (from 1) with `args(i, request)`.
 * `tool` picks the tool by name (a RegExp or a predicate); by default the first tool offered.
 */
export function callTool(
	count: number,
	args: (index: number, request: ChatRequest) => Record<string, unknown>,
	tool: RegExp | ((name: string) => boolean) = () => true,
	before?: ChatTurn['before'],
): ChatTurn {
	return {
		before,
		answer(request) {
			const matches = (name: string) => (tool instanceof RegExp ? tool.test(name) : tool(name));
			const name = request.toolNames.find(matches);
			if (name === undefined) {
				return { content: `SCRIPT ERROR: no tool matching ${String(tool)} among [${request.toolNames.join(', ')}]` };
			}
			return { toolCalls: Array.from({ length: count }, (_, i) => ({ name, arguments: args(i + 1, request) })) };
		},
	};
}

/** One answer with the tool calls of several turns (calls to different tools, run together). */
export function together(...turns: ChatTurn[]): ChatTurn {
	return {
		async before() {
			for (const turn of turns) await turn.before?.();
		},
		answer(request) {
			const answers = turns.map((turn) => turn.answer(request));
			const failed = answers.find((answer) => 'content' in answer);
			if (failed) return failed;
			return { toolCalls: answers.flatMap((answer) => ('toolCalls' in answer ? answer.toolCalls : [])) };
		},
	};
}

/** The final turn: "Answer:" followed by every tool result of the conversation, one per line. */
export function finalAnswer(before?: ChatTurn['before']): ChatTurn {
	return { before, answer: (request) => ({ content: `Answer:\n${request.toolResults.join('\n')}` }) };
}

export async function startChatModel(options: { maxLifetimeMs?: number } = {}): Promise<ChatModel> {
	const requests: ChatRequest[] = [];
	const rawBodies: string[] = [];
	let turns: ChatTurn[] = [];
	let callIds = 0;

	const server = createServer((req, res) => {
		void handle(req, res).catch((error: Error) => {
			if (!res.headersSent) send(res, 500, { error: { message: `chat-model failure: ${error.message}`, type: 'server_error' } });
		});
	});

	async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '');
		const body = await readBody(req);
		if (req.method === 'GET' && path === '/v1/models') {
			return send(res, 200, { object: 'list', data: [{ id: MODEL_NAME, object: 'model', created: 0, owned_by: 'lab' }] });
		}
		if (req.method !== 'POST' || path !== '/v1/chat/completions') {
			return send(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } });
		}
		rawBodies.push(body);
		const request = parseRequest(body);
		requests.push(request);
		const turn = turns.shift();
		if (turn === undefined) {
			return send(res, 400, { error: { message: 'chat-model: the script has no turn left', type: 'invalid_request_error' } });
		}
		await turn.before?.();
		const answer = turn.answer(request);
		const message = toMessage(answer, () => `call_${++callIds}`);
		const finish = 'toolCalls' in answer ? 'tool_calls' : 'stop';
		if (request.stream) return stream(res, request.model ?? MODEL_NAME, message, finish);
		send(res, 200, {
			id: `chatcmpl-${requests.length}`,
			object: 'chat.completion',
			created: Math.floor(Date.now() / 1000),
			model: request.model ?? MODEL_NAME,
			choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
			usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
		});
	}

	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	const stopTimer = setTimeout(() => void close(), options.maxLifetimeMs ?? 30 * 60_000);
	stopTimer.unref();

	async function close(): Promise<void> {
		clearTimeout(stopTimer);
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}

	return {
		baseUrl: `http://127.0.0.1:${port}/v1`,
		requests,
		rawBodies,
		script: (next) => (turns = [...next]),
		remainingTurns: () => turns.length,
		reset: () => {
			requests.length = 0;
			rawBodies.length = 0;
			turns = [];
		},
		close,
	};
}

function parseRequest(body: string): ChatRequest {
	const json = JSON.parse(body || '{}') as { model?: string; stream?: boolean; messages?: ChatMessage[]; tools?: ChatTool[] };
	const messages = Array.isArray(json.messages) ? json.messages : [];
	return {
		model: json.model,
		stream: json.stream === true,
		messages,
		tools: json.tools,
		toolResults: messages.filter((m) => m.role === 'tool').map((m) => contentText(m.content)),
		toolNames: (json.tools ?? []).map((t) => t.function?.name).filter((n): n is string => typeof n === 'string'),
	};
}

/** Message content is a string or a list of parts ({type:'text', text}). */
function contentText(content: unknown): string {
	if (typeof content === 'string') return content;
	if (Array.isArray(content)) return content.map((part) => (typeof part === 'string' ? part : String((part as { text?: unknown }).text ?? ''))).join('');
	return content === undefined || content === null ? '' : JSON.stringify(content);
}

function toMessage(answer: ChatAnswer, nextId: () => string): ChatMessage {
	if ('content' in answer) return { role: 'assistant', content: answer.content };
	return {
		role: 'assistant',
		content: null,
		tool_calls: answer.toolCalls.map((call) => ({
			id: nextId(),
			type: 'function',
			function: { name: call.name, arguments: JSON.stringify(call.arguments) },
		})),
	};
}

/** The same answer as server-sent events: role, then the content or each tool call, then [DONE]. */
function stream(res: ServerResponse, model: string, message: ChatMessage, finish: string): void {
	res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
	const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
		res.write(
			`data: ${JSON.stringify({ id: 'chatcmpl-stream', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finishReason }] })}\n\n`,
		);
	chunk({ role: 'assistant', content: '' });
	if (typeof message.content === 'string') chunk({ content: message.content });
	(message.tool_calls ?? []).forEach((call, index) => chunk({ tool_calls: [{ index, ...call }] }));
	chunk({}, finish);
	res.end('data: [DONE]\n\n');
}

async function readBody(req: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of req) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
	res.end(JSON.stringify(body));
}

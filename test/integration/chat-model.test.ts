/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, not shipped: linted by eslint.tests.config.mjs */
// The scripted chat-model server (test/servers/chat-model.ts) on the wire, as the OpenAI client sees it.
import { callTool, ChatModel, finalAnswer, MODEL_NAME, startChatModel, together } from '../servers/chat-model';

const TOOLS = [
	{ type: 'function', function: { name: 'Read_item', description: 'Reads an item', parameters: { type: 'object', properties: {} } } },
	{ type: 'function', function: { name: 'Other', description: 'Something else', parameters: { type: 'object', properties: {} } } },
];

async function complete(model: ChatModel, body: Record<string, unknown>): Promise<{ status: number; text: string }> {
	const res = await fetch(`${model.baseUrl}/chat/completions`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
		body: JSON.stringify(body),
	});
	return { status: res.status, text: await res.text() };
}

describe('chat-model server', () => {
	let model: ChatModel;
	beforeEach(async () => {
		model = await startChatModel();
	});
	afterEach(async () => {
		await model.close();
	});

	it('answers the first turn with several tool calls in one message, then a final answer from the tool results', async () => {
		model.script([callTool(3, (i) => ({ item: String(i) }), /^Read_item$/), finalAnswer()]);
		const first = await complete(model, { model: MODEL_NAME, messages: [{ role: 'user', content: 'go' }], tools: TOOLS });
		expect(first.status).toBe(200);
		const message = JSON.parse(first.text).choices[0].message;
		expect(JSON.parse(first.text).choices[0].finish_reason).toBe('tool_calls');
		expect(message.tool_calls.map((c: { function: { name: string; arguments: string } }) => [c.function.name, JSON.parse(c.function.arguments)])).toEqual([
			['Read_item', { item: '1' }],
			['Read_item', { item: '2' }],
			['Read_item', { item: '3' }],
		]);
		const ids = message.tool_calls.map((c: { id: string }) => c.id);
		expect(new Set(ids).size).toBe(3);

		const second = await complete(model, {
			model: MODEL_NAME,
			messages: [
				{ role: 'user', content: 'go' },
				message,
				...ids.map((id: string, i: number) => ({ role: 'tool', tool_call_id: id, content: `{"n":${i}}` })),
			],
			tools: TOOLS,
		});
		const final = JSON.parse(second.text).choices[0];
		expect(final.finish_reason).toBe('stop');
		expect(final.message.content).toBe('Answer:\n{"n":0}\n{"n":1}\n{"n":2}');
		expect(model.requests[1].toolResults).toEqual(['{"n":0}', '{"n":1}', '{"n":2}']);
		expect(model.remainingTurns()).toBe(0);
	});

	it('records every request body as received', async () => {
		model.script([finalAnswer()]);
		await complete(model, { model: MODEL_NAME, messages: [{ role: 'user', content: 'marker-123' }] });
		expect(model.rawBodies).toHaveLength(1);
		expect(model.rawBodies[0]).toContain('marker-123');
		expect(model.requests[0].toolNames).toEqual([]);
	});

	it('runs a turn\'s `before` hook before answering', async () => {
		const order: string[] = [];
		model.script([finalAnswer(() => void order.push('before'))]);
		await complete(model, { messages: [] });
		order.push('answered');
		expect(order).toEqual(['before', 'answered']);
	});

	it('streams the same answer as server-sent events when asked to', async () => {
		model.script([callTool(2, (i) => ({ item: String(i) }))]);
		const { text } = await complete(model, { model: MODEL_NAME, stream: true, messages: [], tools: TOOLS });
		const events = text.split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
		expect(events.at(-1)).toBe('[DONE]');
		const chunks = events.slice(0, -1).map((e) => JSON.parse(e).choices[0]);
		const calls = chunks.flatMap((c) => c.delta.tool_calls ?? []);
		expect(calls.map((c: { index: number; function: { arguments: string } }) => [c.index, c.function.arguments])).toEqual([
			[0, '{"item":"1"}'],
			[1, '{"item":"2"}'],
		]);
		expect(chunks.at(-1).finish_reason).toBe('tool_calls');
	});

	it('refuses a request when the script has no turn left, and says so', async () => {
		const { status, text } = await complete(model, { messages: [] });
		expect(status).toBe(400);
		expect(JSON.parse(text).error.message).toMatch(/no turn left/);
	});

	it('says which tools were offered when the scripted tool is not among them', async () => {
		model.script([callTool(1, () => ({}), /^Missing$/)]);
		const { text } = await complete(model, { messages: [], tools: TOOLS });
		expect(JSON.parse(text).choices[0].message.content).toMatch(/no tool matching .*Read_item, Other/);
	});

	it('lists its model on GET /v1/models and answers 404 elsewhere', async () => {
		const models = (await (await fetch(`${model.baseUrl}/models`)).json()) as { data: Array<{ id: string }> };
		expect(models.data.map((m) => m.id)).toEqual([MODEL_NAME]);
		expect((await fetch(`${model.baseUrl}/responses`, { method: 'POST', body: '{}' })).status).toBe(404);
	});

	it('stops by itself after its lifetime', async () => {
		const short = await startChatModel({ maxLifetimeMs: 50 });
		await new Promise((r) => setTimeout(r, 200));
		await expect(fetch(`${short.baseUrl}/models`)).rejects.toThrow();
	});
});

describe('chat-model server, calls to several tools in one answer', () => {
	it('joins the calls of several turns into one answer', async () => {
		const model = await startChatModel();
		try {
			model.script([together(callTool(1, () => ({ a: 1 }), /^Read_item$/), callTool(2, (i) => ({ b: i }), /^Other$/))]);
			const { text } = await complete(model, { messages: [], tools: TOOLS });
			const calls = JSON.parse(text).choices[0].message.tool_calls.map((c: { function: { name: string; arguments: string } }) => `${c.function.name} ${c.function.arguments}`);
			expect(calls).toEqual(['Read_item {"a":1}', 'Other {"b":1}', 'Other {"b":2}']);
		} finally {
			await model.close();
		}
	});
});

// A webhook workflow for the queue cluster: Webhook (v2, answers with the last node's output) ->
// HTTP Request with a predefined credential type -> Set naming the worker that ran it.
import { randomUUID } from 'crypto';
import { newId, WorkflowFixture } from '../harness/workflows';

export interface WebhookWorkflow extends WorkflowFixture {
	path: string;
}

/** What a call of the webhook answers: the API's `ok` and the worker's name (E2E_WORKER). */
export interface WebhookAnswer {
	ok?: boolean;
	worker?: string;
}

/** `responseMode`: 'lastNode' (default) answers with the run's output; 'onReceived' answers at once. */
export function webhookWorkflow(o: {
	name: string;
	url: string;
	credentialType: string;
	credentialId: string;
	credentialName: string;
	responseMode?: 'lastNode' | 'onReceived';
}): WebhookWorkflow {
	const id = newId();
	const path = `queue-${id.toLowerCase()}`;
	return {
		id,
		path,
		name: o.name,
		active: false,
		nodes: [
			{
				id: randomUUID(),
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { httpMethod: 'GET', path, responseMode: o.responseMode ?? 'lastNode', options: {} },
			},
			{
				id: randomUUID(),
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [220, 0],
				parameters: {
					method: 'GET',
					url: o.url,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: o.credentialType,
					options: {},
				},
				credentials: { [o.credentialType]: { id: o.credentialId, name: o.credentialName } },
			},
			{
				id: randomUUID(),
				name: 'Worker',
				type: 'n8n-nodes-base.set',
				typeVersion: 3.4,
				position: [440, 0],
				parameters: {
					assignments: {
						assignments: [
							{ id: randomUUID(), name: 'ok', value: '={{ $json.ok }}', type: 'boolean' },
							{ id: randomUUID(), name: 'worker', value: '={{ $env.E2E_WORKER }}', type: 'string' },
						],
					},
					options: {},
				},
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] },
			'HTTP Request': { main: [[{ node: 'Worker', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Calls the webhook; a failed execution comes back as a non-200 status or an answer without ok. */
export async function callWebhook(base: string, workflow: WebhookWorkflow): Promise<{ status: number; answer: WebhookAnswer }> {
	const res = await fetch(`${base}/${workflow.path}`, { signal: AbortSignal.timeout(60_000) });
	const text = await res.text();
	let answer: WebhookAnswer = {};
	try {
		answer = JSON.parse(text) as WebhookAnswer;
	} catch {
		answer = {};
	}
	return { status: res.status, answer };
}


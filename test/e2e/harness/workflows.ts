// Workflow and credential fixtures: a manual trigger, a Code node making n items, and an
// HTTP Request node (typeVersion 4.2) using a predefined credential type.
import { randomBytes } from 'crypto';
import type { CredentialFixture } from './cli';

/** n8n-style id (16 alphanumeric characters). */
export function newId(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
	return Array.from(randomBytes(16), (b) => alphabet[b % alphabet.length]).join('');
}

export interface HttpWorkflowOptions {
	name?: string;
	url: string;
	credentialType: string;
	credentialId: string;
	credentialName?: string;
	items?: number;
	method?: 'GET' | 'POST';
	/** HTTP Request node options (batching, timeout...). */
	options?: Record<string, unknown>;
}

export interface WorkflowFixture {
	id: string;
	name: string;
	active: boolean;
	nodes: object[];
	connections: object;
	settings: object;
}

export const HTTP_NODE = 'HTTP Request';

export function httpWorkflow(o: HttpWorkflowOptions): WorkflowFixture {
	const id = newId();
	const items = o.items ?? 1;
	return {
		id,
		name: o.name ?? `e2e ${o.credentialType} x${items} ${id}`,
		active: false,
		nodes: [
			{
				id: 'b1c0f0a0-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b1c0f0a0-0000-4000-8000-000000000002',
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return Array.from({ length: ${items} }, (_, i) => ({ json: { i } }));` },
			},
			{
				id: 'b1c0f0a0-0000-4000-8000-000000000003',
				name: HTTP_NODE,
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [440, 0],
				parameters: {
					method: o.method ?? 'GET',
					url: o.url,
					authentication: 'predefinedCredentialType',
					nodeCredentialType: o.credentialType,
					options: o.options ?? {},
				},
				credentials: {
					[o.credentialType]: { id: o.credentialId, name: o.credentialName ?? o.credentialId },
				},
			},
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: HTTP_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** `base?item=<i>` for each item: an expression, so every item's request can be told apart. */
export const itemUrl = (base: string): string => `=${base}?item={{ $json.i }}`;

/** The specs' workflow: `items` items, each calling `url` through the HTTP Request node with `credential`. */
export function flow(credential: CredentialFixture, url: string, items = 1, options: Record<string, unknown> = {}): WorkflowFixture {
	return httpWorkflow({ url, credentialType: credential.type, credentialId: credential.id, credentialName: credential.name, items, options });
}

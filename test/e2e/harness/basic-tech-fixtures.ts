// A Basic (basic.tech) credential as it is after "Connect my account", and a workflow whose Basic
// node lists the open rows of a table, for the demo and the specs that run the node against the
// Basic emulator.
import type { BasicEmulator } from '../../servers/basic-emulator';
import { signInTokens } from '../../servers/basic-emulator/sign-in';
import type { CredentialFixture } from './cli';
import { newId, type WorkflowFixture } from './workflows';

/** A todos table: two open rows and a done one, their priorities out of order. */
export const basicTodos = [
	{ id: 't1', title: 'Try the Token Login API', status: 'open', priority: 3 },
	{ id: 't2', title: 'Read the README', status: 'done', priority: 1 },
	{ id: 't3', title: 'Run n8n in queue mode', status: 'open', priority: 5 },
];

/** What the node of basicListWorkflow answers for basicTodos: the open rows, highest priority first. */
export const openTodosByPriority = [basicTodos[2], basicTodos[0]];

/** The credential with the emulator's sign-in answer kept as oauthTokenData, as n8n's OAuth2 callback keeps it. */
export async function basicTechCredential(emu: BasicEmulator, o: { project: string; name: string }): Promise<CredentialFixture> {
	const oauthTokenData = await signInTokens(emu, o.project);
	return {
		id: newId(),
		name: o.name,
		type: 'basicTechOAuth2Api',
		data: { server: 'custom', baseUrl: emu.url, clientId: o.project, scope: 'profile', oauthTokenData },
	};
}

/** Manual Trigger (`Start`) -> Basic node `nodeName`: Row, Get Many, the open todos by priority. */
export function basicListWorkflow(credential: CredentialFixture, o: { project: string; name: string; nodeName: string }): WorkflowFixture {
	return {
		id: newId(),
		name: o.name,
		active: false,
		nodes: [
			{ id: newId(), name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: newId(),
				name: o.nodeName,
				type: 'n8n-nodes-token-auth.basicTech',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					resource: 'row',
					operation: 'getAll',
					projectId: o.project,
					table: 'todos',
					returnAll: true,
					filters: { conditions: [{ field: 'status', operator: 'eq', value: 'open' }] },
					sort: { rules: [{ field: 'priority', direction: 'desc' }] },
				},
				credentials: { basicTechOAuth2Api: { id: credential.id, name: credential.name } },
			},
		],
		connections: { Start: { main: [[{ node: o.nodeName, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
	};
}

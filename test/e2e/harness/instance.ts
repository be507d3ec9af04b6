/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// One n8n user folder with the package installed, reused by every test of a spec file, and the
// one n8n process that may use it at a time: a long-running `n8n start` (the editor's REST calls
// load and run workflows, a few hundred milliseconds each) or a fresh `n8n` command (a whole n8n
// boot each: for what needs a new process). Starting one stops the other.
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { join } from 'path';
import { type CredentialFixture, type Execution, N8nCli } from './cli';
import { assertLineInstalled, currentLine, scratchRoot } from './line';
import { N8nServer } from './n8n-server';
import { installPackage } from './package-install';
import { runOverRest } from './rest-run';
import { sharedN8n } from './shared-n8n';
import { copyTemplateFolder } from './template-folder';
import type { WorkflowFixture } from './workflows';

export interface N8nInstance {
	cli: N8nCli;
	userFolder: string;
	/**
	 * Saves the credentials and the workflow and returns the workflow's id: through `n8n start`
	 * (n8n gives the credentials new ids; the workflow's references follow), or, with
	 * `separateProcesses` and no `n8n start` running, with `n8n import:*` (ids kept).
	 */
	load(workflow: WorkflowFixture | WorkflowFixture[], credentials?: CredentialFixture[]): Promise<string>;
	/** Runs a loaded workflow on the running `n8n start` (started if none runs). */
	execute(workflowId: string): Promise<Execution>;
	/** The running `n8n start`, logged in as the owner (started if none runs). */
	server(): Promise<N8nServer>;
	/**
	 * Stops the running `n8n start` and starts a new one with these settings on top of the spec's
	 * (what a token reused by the next process, or another instance setting, needs).
	 */
	restart(settings?: Record<string, string>): Promise<N8nServer>;
	/** Runs the next workflows with these settings on top of the spec's: restarts n8n if they differ. */
	useSettings(settings: Record<string, string>): Promise<void>;
	/** Stops the running `n8n start`, if any. */
	stop(): Promise<void>;
	/** The running `n8n start`, if one runs. */
	current(): N8nServer | undefined;
	cleanup(): void;
}

export interface InstanceOptions {
	/** Settings every n8n process of the instance gets (as an operator would set them). */
	settings?: Record<string, string>;
	/** Load with `n8n import:*` while no `n8n start` runs (for specs that run `n8n.cli`). */
	separateProcesses?: boolean;
	/**
	 * Use the run's shared `n8n start` (shared-n8n.ts) when there is one: no boot of its own, no
	 * settings, no restart, no CLI.
	 */
	shared?: boolean;
}

export function createInstance(label: string, options: InstanceOptions = {}): N8nInstance {
	const line = currentLine();
	assertLineInstalled(line);
	const shared = options.shared ? sharedN8n() : undefined;
	let userFolder: string;
	if (shared) {
		userFolder = shared.userFolder;
	} else {
		mkdirSync(scratchRoot, { recursive: true });
		userFolder = mkdtempSync(join(scratchRoot, `${label}-n8n${line.line}-`));
		copyTemplateFolder(userFolder);
		installPackage(userFolder);
	}
	const cli = new N8nCli(line, userFolder);
	cli.extraEnv = { ...options.settings };
	let running: N8nServer | undefined;
	let ownerSetUp = false;
	let serverSettings: Record<string, string> = {};
	/** Ids a fixture was given → ids n8n saved it under (n8n picks new ones over REST). */
	const credentialIds = new Map<string, string>();
	const workflows = new Map<string, WorkflowFixture & { trigger: string }>();

	const current = () => (running?.running ? running : undefined);
	const stop = async () => {
		await running?.stop();
		running = undefined;
	};
	const server = async () => {
		if (current()) return running as N8nServer;
		if (shared) return (running = await shared.attach());
		running = await N8nServer.start(line, userFolder, undefined, { ...cli.extraEnv, ...serverSettings });
		if (ownerSetUp) await running.login();
		else await running.setupOwnerAndLogin();
		ownerSetUp = true;
		return running;
	};
	// A command on the user folder waits for the server to stop, and runs saved workflows by their n8n ids.
	cli.beforeCommand = shared ? () => Promise.reject(onShared('runs no n8n command')) : stop;
	cli.savedWorkflowId = (id) => workflows.get(id)?.id ?? id;

	async function saveOverRest(editor: N8nServer, list: WorkflowFixture[], credentials: CredentialFixture[]): Promise<void> {
		for (const credential of credentials) {
			credentialIds.set(credential.id, await editor.createCredential(credential.name, credential.type, credential.data));
		}
		for (const workflow of list) {
			const nodes = workflow.nodes.map((node) => withSavedCredentials(node as SavedNode, credentialIds));
			const id = await editor.createWorkflow({ ...workflow, nodes });
			workflows.set(workflow.id, { ...workflow, id, nodes, trigger: triggerOf(workflow) });
		}
	}

	return {
		cli,
		userFolder,
		server,
		stop,
		current,
		async load(workflow, credentials = []) {
			const list = Array.isArray(workflow) ? workflow : [workflow];
			const editor = options.separateProcesses ? current() : await server();
			if (editor) {
				await saveOverRest(editor, list, credentials);
			} else {
				if (credentials.length) await cli.importCredentials(credentials);
				if (list.length) await cli.importWorkflow(list);
				for (const one of list) workflows.set(one.id, { ...one, trigger: triggerOf(one) });
			}
			return list[0]?.id ?? '';
		},
		async execute(workflowId) {
			const saved = workflows.get(workflowId);
			if (!saved) throw new Error(`${label}: workflow ${workflowId} was not loaded`);
			const { trigger, ...workflow } = saved;
			return await runOverRest(await server(), line, workflow, trigger);
		},
		async restart(settings = {}) {
			if (shared) throw onShared('cannot be restarted');
			await stop();
			serverSettings = settings;
			return await server();
		},
		async useSettings(settings) {
			if (current() && JSON.stringify(settings) === JSON.stringify(serverSettings)) return;
			if (shared) {
				if (Object.keys(settings).length) throw onShared('takes no settings');
				return;
			}
			await stop();
			serverSettings = settings;
		},
		cleanup() {
			if (!shared && !process.env.E2E_KEEP) rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

/** What a spec on the shared n8n asked for and cannot have. */
function onShared(what: string): Error {
	return new Error(`the run's shared n8n ${what}: give the spec an n8n of its own (useN8nSpec's ownN8n)`);
}

interface SavedNode {
	type: string;
	name: string;
	credentials?: Record<string, { id: string; name: string }>;
}

/** The node with its credential references pointing at the ids n8n saved the credentials under. */
function withSavedCredentials(node: SavedNode, ids: Map<string, string>): SavedNode {
	if (!node.credentials) return node;
	const credentials = Object.fromEntries(Object.entries(node.credentials).map(([type, ref]) => [type, { ...ref, id: ids.get(ref.id) ?? ref.id }]));
	return { ...node, credentials };
}

/** The workflow's trigger node: where a manual run starts. */
function triggerOf(workflow: WorkflowFixture): string {
	const nodes = workflow.nodes as SavedNode[];
	const trigger = nodes.find((node) => /manualTrigger$/.test(node.type)) ?? nodes.find((node) => /trigger$/i.test(node.type));
	return trigger?.name ?? '';
}

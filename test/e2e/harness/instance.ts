/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// One n8n user folder with the package installed, reused by every test of a spec file.
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { join } from 'path';
import { CredentialFixture, N8nCli } from './cli';
import { assertLineInstalled, currentLine, scratchRoot } from './line';
import { installPackage } from './package-install';
import { WorkflowFixture } from './workflows';

export interface N8nInstance {
	cli: N8nCli;
	userFolder: string;
	/** Imports the credentials and the workflow, then returns the workflow id. */
	load(workflow: WorkflowFixture, credentials?: CredentialFixture[]): Promise<string>;
	cleanup(): void;
}

export function createInstance(label: string): N8nInstance {
	const line = currentLine();
	assertLineInstalled(line);
	mkdirSync(scratchRoot, { recursive: true });
	const userFolder = mkdtempSync(join(scratchRoot, `${label}-n8n${line.line}-`));
	installPackage(userFolder);
	const cli = new N8nCli(line, userFolder);
	return {
		cli,
		userFolder,
		async load(workflow, credentials = []) {
			if (credentials.length) await cli.importCredentials(credentials);
			await cli.importWorkflow(workflow);
			return workflow.id;
		},
		cleanup() {
			if (!process.env.E2E_KEEP) rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

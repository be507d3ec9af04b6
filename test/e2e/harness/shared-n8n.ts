/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// One `n8n start` per jest run that every spec without settings of its own uses (see
// spec-setup.ts): an n8n boot costs 10-17 s of CPU, most of what a small spec costs. Started by
// jest's global setup, stopped by its teardown; workers attach to it over REST with a session of
// their own and read its output from a file. Specs keep apart by what they save: each starts its
// own servers, so their credentials never share a held token.
import { mkdirSync, mkdtempSync, rmSync } from 'fs';
import { join } from 'path';
import { assertLineInstalled, currentLine, scratchRoot } from './line';
import { N8nServer } from './n8n-server';
import { installPackage } from './package-install';
import { copyTemplateFolder } from './template-folder';

/** Names the shared n8n for the workers (they inherit the global setup's environment). */
const SHARED = 'E2E_SHARED_N8N';
/** E2E_SHARED_N8N=off: every spec starts an n8n of its own (to tell the shared one's part in a failure). */
const OFF = 'off';

interface SharedN8n {
	baseUrl: string;
	logFile: string;
	userFolder: string;
}

/** Kept between global setup and teardown (the same jest process). */
let started: { server: N8nServer; userFolder: string } | undefined;

export async function startSharedN8n(): Promise<void> {
	if (process.env[SHARED] === OFF) return;
	const line = currentLine();
	assertLineInstalled(line);
	mkdirSync(scratchRoot, { recursive: true });
	const userFolder = mkdtempSync(join(scratchRoot, `shared-n8n${line.line}-`));
	copyTemplateFolder(userFolder);
	installPackage(userFolder);
	const logFile = join(userFolder, 'n8n-output.log');
	const server = await N8nServer.start(line, userFolder, undefined, {}, 600_000, logFile);
	await server.setupOwnerAndLogin();
	started = { server, userFolder };
	const shared: SharedN8n = { baseUrl: server.baseUrl, logFile, userFolder };
	process.env[SHARED] = JSON.stringify(shared);
}

export async function stopSharedN8n(): Promise<void> {
	await started?.server.stop();
	if (started && !process.env.E2E_KEEP) rmSync(started.userFolder, { recursive: true, force: true });
	started = undefined;
}

/** The shared n8n's user folder and a way to attach to it, when this run has one. */
export function sharedN8n(): (SharedN8n & { attach(): Promise<N8nServer> }) | undefined {
	const value = process.env[SHARED];
	if (!value || value === OFF) return undefined;
	const shared = JSON.parse(value) as SharedN8n;
	return {
		...shared,
		async attach() {
			const server = N8nServer.attach(shared.baseUrl, shared.logFile);
			await server.login();
			return server;
		},
	};
}

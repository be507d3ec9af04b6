/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// One n8n user folder per jest run with n8n's database created and migrated (a fresh database runs
// a few hundred migrations, the longest part of a first start), copied into each spec's folder.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'fs';
import { join } from 'path';
import { N8nCli } from './cli';
import { currentLine, scratchRoot } from './line';

const TEMPLATE = 'E2E_TEMPLATE_FOLDER';

/** Creates the migrated folder (jest's global setup: workers inherit the variable naming it). */
export async function createTemplateFolder(): Promise<void> {
	if (process.env[TEMPLATE] && existsSync(process.env[TEMPLATE])) return;
	mkdirSync(scratchRoot, { recursive: true });
	const folder = mkdtempSync(join(scratchRoot, `template-n8n${currentLine().line}-`));
	// Any command opens the database and migrates it; this one prints nothing else.
	const result = await new N8nCli(currentLine(), folder).run(['list:workflow'], 600_000);
	if (result.code !== 0) throw new Error(`n8n list:workflow exited ${result.code} in ${folder}\n${result.stdout}\n${result.stderr}`);
	process.env[TEMPLATE] = folder;
}

/** Copies the migrated database and its encryption key into a new user folder, when there is one. */
export function copyTemplateFolder(userFolder: string): void {
	const template = process.env[TEMPLATE];
	if (template && existsSync(join(template, '.n8n'))) cpSync(join(template, '.n8n'), join(userFolder, '.n8n'), { recursive: true });
}

export function removeTemplateFolder(): void {
	const template = process.env[TEMPLATE];
	if (template && !process.env.E2E_KEEP) rmSync(template, { recursive: true, force: true });
}

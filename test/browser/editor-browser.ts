/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// Debian's chromium, driven by playwright-core, signed in to a running n8n's editor: what the
// browser test and the screenshot script share.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page, selectors } from 'playwright-core';
import { OWNER } from '../e2e/harness/n8n-server';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export interface EditorBrowser {
	context: BrowserContext;
	page: Page;
	close(): Promise<void>;
}

export async function openEditorBrowser(viewport = { width: 1400, height: 900 }): Promise<EditorBrowser> {
	selectors.setTestIdAttribute('data-test-id');
	const profileDir = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
	// launchPersistentContext is how playwright passes a fresh --user-data-dir.
	const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport });
	context.setDefaultTimeout(30_000);
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		async close() {
			await context.close();
			rmSync(profileDir, { recursive: true, force: true });
		},
	};
}

/** Signs the owner in through the editor's sign-in form. */
export async function signInToEditor(page: Page, baseUrl: string): Promise<void> {
	await page.goto(`${baseUrl}/signin`);
	await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
	await page.fill('input[name=password]', OWNER.password);
	await page.keyboard.press('Enter');
	await page.waitForURL((url) => !url.pathname.includes('signin'));
}

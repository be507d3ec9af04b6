/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// The Token Login API's form in n8n's editor (Debian's chromium, playwright-core): every field
// shows with its label, and each choice reveals only the fields it needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page, selectors } from 'playwright-core';
import { createInstance, N8nInstance } from '../e2e/harness/instance';
import { N8nServer, OWNER } from '../e2e/harness/n8n-server';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Field name -> label, as the credential declares them (only the always-visible ones first). */
const ALWAYS = {
	loginUrl: 'Login URL',
	method: 'HTTP Operation',
	headers: 'Headers',
	sendCredentialsAs: 'Send Credentials As',
	username: 'Username',
	password: 'Password',
	extraLoginFields: 'Extra Login Fields',
	answerLocation: 'Token Location',
	answerKey: 'Token Key',
	expiryKey: 'Expiry Key',
	expiryFormat: 'Expiry Format',
	placement: 'Send Token As',
	allowUnauthorizedCerts: 'Ignore SSL Issues (Insecure)',
};

describe('Token Login API form in the editor', () => {
	let n8n: N8nInstance;
	let server: N8nServer;
	let context: BrowserContext;
	let page: Page;
	let profileDir = '';

	beforeAll(async () => {
		// The run's shared n8n (test/e2e/harness/shared-n8n.ts), logged in as its owner.
		n8n = createInstance('token-login-browser', { shared: true });
		server = await n8n.server();
		selectors.setTestIdAttribute('data-test-id');
		profileDir = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
		context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1400, height: 1000 } });
		context.setDefaultTimeout(30_000);
		page = context.pages()[0] ?? (await context.newPage());
	});

	afterAll(async () => {
		await context?.close();
		if (profileDir) rmSync(profileDir, { recursive: true, force: true });
		await n8n?.stop();
		n8n?.cleanup();
	});

	const field = (name: string) => page.getByTestId(`parameter-input-${name}`);
	/** The labels the credential form shows now, one per line of its text (a required field's ends in " *"). */
	async function visibleLabels(): Promise<string[]> {
		const text = await page.getByTestId('credential-edit-dialog').innerText();
		return text.split('\n').map((line) => line.trim().replace(/\s*\*$/, ''));
	}

	async function choose(name: string, option: string) {
		await field(name).click();
		await page.getByRole('option', { name: option, exact: true }).click();
	}

	async function expectShown(names: Record<string, string>) {
		for (const [name, text] of Object.entries(names)) {
			await field(name).first().waitFor({ state: 'visible' });
			expect(await visibleLabels()).toContain(text);
		}
	}

	async function expectGone(names: Record<string, string>) {
		for (const [name, text] of Object.entries(names)) {
			await field(name).first().waitFor({ state: 'detached' });
			expect(await visibleLabels()).not.toContain(text);
		}
	}

	it('shows every field, and each choice reveals the fields it needs', async () => {
		await page.goto(`${server.baseUrl}/signin`);
		await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
		await page.fill('input[name=password]', OWNER.password);
		await page.keyboard.press('Enter');
		await page.waitForURL((url) => !url.pathname.includes('signin'));

		await page.goto(`${server.baseUrl}/home/credentials/create`);
		await page.getByTestId('new-credential-type-select').locator('input').fill('Token Login');
		await page.getByTestId('new-credential-type-select-option').filter({ hasText: 'Token Login API' }).click();
		await page.getByTestId('new-credential-type-button').click();

		// Defaults: JSON Body and Header.
		await expectShown(ALWAYS);
		await expectShown({ usernameField: 'Username Field', passField: 'Password Field', headerName: 'Header Name', headerPrefix: 'Token Prefix' });
		await expectGone({ queryParameterName: 'Query Parameter Name', cookieName: 'Cookie Name' });

		await choose('sendCredentialsAs', 'Basic Auth Header');
		await expectGone({ usernameField: 'Username Field', passField: 'Password Field' });
		await choose('sendCredentialsAs', 'Form Body');
		await expectShown({ usernameField: 'Username Field', passField: 'Password Field' });

		await choose('placement', 'Query Parameter');
		await expectShown({ queryParameterName: 'Query Parameter Name' });
		await expectGone({ headerName: 'Header Name', headerPrefix: 'Token Prefix', cookieName: 'Cookie Name' });

		await choose('placement', 'Cookie');
		await expectShown({ cookieName: 'Cookie Name' });
		await expectGone({ queryParameterName: 'Query Parameter Name', headerName: 'Header Name' });

		await choose('placement', 'Header');
		await expectShown({ headerName: 'Header Name', headerPrefix: 'Token Prefix' });
		await expectGone({ cookieName: 'Cookie Name' });
		await expectShown(ALWAYS);
	});
});

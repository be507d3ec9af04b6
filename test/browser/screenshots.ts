/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// `npm run screenshots`: pictures for the README, taken in real n8n (2.41.1) with Debian's
// chromium: each credential type's form in the editor, a credential chosen in the HTTP Request
// node, and a successful run. Written to docs/screenshots/; the README shows them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { createInstance } from '../e2e/harness/instance';
import { CredentialFixture } from '../e2e/harness/cli';
import { currentLine, repoRoot } from '../e2e/harness/line';
import { basicToBearerCredential, bearerTokenCredential, labIssuedToken, passwordGrantCredential, tokenLoginCredential } from '../e2e/harness/lab-credentials';
import { clientCredentialsCredential, jwtBearerCredential } from '../e2e/harness/machine-credentials';
import { N8nServer } from '../e2e/harness/n8n-server';
import { HTTP_NODE, httpWorkflow } from '../e2e/harness/workflows';
import { startBasicEmulator } from '../servers/basic-emulator';
import { signInTokens } from '../servers/basic-emulator/sign-in';
import { startJwtBearerLab } from '../servers/jwt-bearer-lab';
import { startLoginLab } from '../servers/login-lab';
import { startOidcLab } from '../servers/oidc-lab';
import { startTokenLab } from '../servers/token-lab';
import { openEditorBrowser, signInToEditor } from './editor-browser';

const OUT = join(repoRoot, 'docs/screenshots');

async function main(): Promise<void> {
	mkdirSync(OUT, { recursive: true });
	const lab = await startTokenLab({});
	const emu = await startBasicEmulator({ projects: { 'my-project': { todos: [] } } });
	const loginLab = await startLoginLab({ usernamePath: 'auth.email', expiryPath: 'expires_at', expiryStyle: 'iso8601' });
	const oidc = await startOidcLab({});
	const jwtLab = await startJwtBearerLab({});
	const n8n = createInstance('screenshots');
	const credentials: Array<{ file: string; fixture: CredentialFixture }> = [
		{ file: 'credential-basic-to-bearer.png', fixture: { ...basicToBearerCredential(lab), name: 'Example API (Basic to Bearer)' } },
		{ file: 'credential-password-grant.png', fixture: { ...passwordGrantCredential(lab), name: 'Example API (OAuth2 Password Grant)' } },
		{ file: 'credential-bearer-token.png', fixture: { ...bearerTokenCredential(await labIssuedToken(lab)), name: 'Example API (Bearer Token)' } },
		{
			file: 'credential-token-login.png',
			fixture: {
				...tokenLoginCredential(loginLab, { usernameField: 'auth.email', expiryKey: 'expires_at', expiryFormat: 'iso8601', extraLoginFields: '{"remember": true}' }),
				name: 'Example API (Token Login)',
			},
		},
		{
			file: 'credential-client-credentials.png',
			fixture: {
				...clientCredentialsCredential(oidc, 'rsa', { bodyParameters: '{"audience": "https://api.example.com"}' }),
				name: 'Example API (OAuth2 Client Credentials, Private Key JWT)',
			},
		},
		{ file: 'credential-jwt-bearer.png', fixture: { ...jwtBearerCredential(jwtLab), name: 'Example API (OAuth2 JWT Bearer)' } },
		{
			file: 'credential-basic-tech.png',
			fixture: {
				id: 'basicTechShots01',
				name: 'Basic (basic.tech) account',
				type: 'basicTechOAuth2Api',
				data: { server: 'custom', baseUrl: emu.url, clientId: 'my-project', scope: 'profile', oauthTokenData: await signInTokens(emu, 'my-project') },
			},
		},
	];
	const shown = credentials[0].fixture;
	const workflow = httpWorkflow({
		name: 'Call an API with a token credential',
		url: `=${lab.apiUrl}?item={{ $json.i }}`,
		credentialType: shown.type,
		credentialId: shown.id,
		credentialName: shown.name,
		items: 3,
	});
	await n8n.cli.importCredentials(credentials.map((c) => c.fixture));
	await n8n.cli.importWorkflow(workflow);
	const server = await N8nServer.start(currentLine(), n8n.userFolder);
	const browser = await openEditorBrowser({ width: 1440, height: 900 });
	try {
		await server.setupOwnerAndLogin();
		const { page } = browser;
		await signInToEditor(page, server.baseUrl);
		// Tall enough for the longest form to show whole, without the modal's scroll bar.
		await page.setViewportSize({ width: 1440, height: 2700 });
		for (const { file, fixture } of credentials) {
			await page.goto(`${server.baseUrl}/home/credentials/${fixture.id}`);
			const modal = page.getByTestId('editCredential-modal');
			await modal.getByText('Connection tested successfully').or(modal.getByText('OAuth')).first().waitFor({ state: 'visible' }).catch(() => undefined);
			await unclip(modal);
			await shoot(modal, file);
		}
		await page.setViewportSize({ width: 1440, height: 900 });
		await page.goto(`${server.baseUrl}/workflow/${workflow.id}`);
		await page.getByTestId('execute-workflow-button').click();
		await page.getByText('3 items', { exact: true }).first().waitFor({ state: 'visible' });
		await shoot(page.locator('body'), 'workflow-run-success.png');
		await page.getByTestId('canvas-node').filter({ hasText: HTTP_NODE }).dblclick();
		await shoot(page.getByTestId('ndv'), 'http-request-node-credential.png');
		console.log(`screenshots: ${credentials.length + 2} pictures in docs/screenshots`);
	} finally {
		await browser.close();
		await server.stop();
		await Promise.all([lab.close(), emu.close(), loginLab.close(), oidc.close(), jwtLab.close()]);
		n8n.cleanup();
	}
}

/** Lets a modal grow to its whole content: the editor caps its height and scrolls inside it. */
async function unclip(target: Locator): Promise<void> {
	await target.first().waitFor({ state: 'visible' });
	// Runs in the page: written against `any` because this project compiles without DOM types.
	/* eslint-disable @typescript-eslint/no-explicit-any */
	await target.first().evaluate((root: any) => {
		const styleOf = (globalThis as any).getComputedStyle;
		for (const element of [root, ...Array.from(root.querySelectorAll('*') as ArrayLike<any>)]) {
			const style = styleOf(element);
			if (['auto', 'scroll', 'hidden'].includes(style.overflowY) || style.maxHeight !== 'none') {
				element.style.overflow = 'visible';
				element.style.maxHeight = 'none';
				if (style.height.endsWith('px') && element !== root) element.style.height = 'auto';
			}
		}
		root.style.height = 'auto';
		root.style.maxHeight = 'none';
	});
}

/** Waits for the element, lets animations settle, writes the picture. */
async function shoot(target: Locator, file: string): Promise<void> {
	await target.first().waitFor({ state: 'visible' });
	await target.first().page().waitForTimeout(800);
	await target.first().screenshot({ path: join(OUT, file), animations: 'disabled' });
	console.log(`screenshots: docs/screenshots/${file}`);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});

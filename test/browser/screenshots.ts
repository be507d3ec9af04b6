/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports, no-console -- test code, not shipped: linted by eslint.tests.config.mjs */
// `npm run screenshots`: pictures for the README, taken in real n8n (2.41.1) with Debian's
// chromium: each credential type's form in the editor (the signing types with a preset, DPoP on
// Client Credentials), a credential chosen in the HTTP Request node, and a successful run. Written
// to docs/screenshots/; the README shows them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { createInstance } from '../e2e/harness/instance';
import { CredentialFixture } from '../e2e/harness/cli';
import { currentLine, repoRoot } from '../e2e/harness/line';
import { basicToBearerCredential, bearerTokenCredential, labIssuedToken, passwordGrantCredential, tokenLoginCredential } from '../e2e/harness/lab-credentials';
import { clientCredentialsCredential, jwtBearerCredential } from '../e2e/harness/machine-credentials';
import { selfSignedCredential, signingCredential, stsLabAssumeRoleFields } from '../e2e/harness/signing-credentials';
import { N8nServer } from '../e2e/harness/n8n-server';
import { HTTP_NODE, httpWorkflow } from '../e2e/harness/workflows';
import { startBasicEmulator } from '../servers/basic-emulator';
import { signInTokens } from '../servers/basic-emulator/sign-in';
import { startJwtBearerLab } from '../servers/jwt-bearer-lab';
import { startLoginLab } from '../servers/login-lab';
import { startOidcLab } from '../servers/oidc-lab';
import { startSelfSignedJwtLab } from '../servers/self-signed-jwt-lab';
import { startSigningLab, SIGNING_LAB_KEYS } from '../servers/signing-lab';
import { startStsLab } from '../servers/sts-lab';
import { startTokenLab } from '../servers/token-lab';
import { selfSignedFields } from '../support/self-signed-fields';
import { openEditorBrowser, signInToEditor } from './editor-browser';

const OUT = join(repoRoot, 'docs/screenshots');

async function main(): Promise<void> {
	mkdirSync(OUT, { recursive: true });
	const lab = await startTokenLab({});
	const emu = await startBasicEmulator({ projects: { 'my-project': { todos: [] } } });
	const loginLab = await startLoginLab({ usernamePath: 'auth.email', expiryPath: 'expires_at', expiryStyle: 'iso8601' });
	const oidc = await startOidcLab({});
	const jwtLab = await startJwtBearerLab({});
	// The signing types' forms are shown with a Test URL on these labs, so the editor's own test passes.
	const selfSignedLab = await startSelfSignedJwtLab();
	const signingLab = await startSigningLab();
	const sts = await startStsLab();
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
		{
			file: 'credential-client-credentials-dpop.png',
			fixture: {
				...clientCredentialsCredential(oidc, 'ec384', { proofOfPossession: 'dpop', dpopKey: 'generated', dpopPrivateKey: '' }),
				name: 'Example API (OAuth2 Client Credentials, DPoP)',
			},
		},
		{
			file: 'credential-self-signed-jwt.png',
			fixture: { ...selfSignedCredential({ ...selfSignedFields(selfSignedLab).coinbase, testUrl: `${selfSignedLab.url}/coinbase/api/v3/brokerage/accounts` }), name: 'Coinbase Developer Platform (Self-Signed JWT)' },
		},
		{
			file: 'credential-hmac-signature.png',
			fixture: { ...signingCredential('hmacSignatureApi', { preset: 'binance', ...SIGNING_LAB_KEYS.binance, recvWindow: '5000', testUrl: `${signingLab.url}/binance/api/v3/account` }), name: 'Binance (HMAC Signature)' },
		},
		{
			file: 'credential-aws-sigv4.png',
			fixture: {
				...signingCredential('awsSigV4Api', { ...SIGNING_LAB_KEYS.aws, region: 'auto', service: 's3', payloadSigning: 'unsigned', testUrl: `${signingLab.url}/aws/my-bucket` }),
				name: 'S3-compatible storage (AWS Signature V4)',
			},
		},
		{
			file: 'credential-aws-sigv4-assume-role.png',
			fixture: {
				...signingCredential('awsSigV4AssumeRoleApi', stsLabAssumeRoleFields(sts.stsUrl, { externalId: 'my-external-id', sessionName: 'n8n', durationSeconds: 3600 })),
				name: 'API Gateway via Assume Role (AWS Signature V4)',
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
		await Promise.all([lab.close(), emu.close(), loginLab.close(), oidc.close(), jwtLab.close(), selfSignedLab.close(), signingLab.close(), sts.close()]);
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

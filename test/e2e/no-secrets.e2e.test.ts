/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
// Whatever fails, nothing n8n prints or stores for an execution (the execution JSON and what n8n
// logged while it ran) carries a password, client secret, refresh token or access token of the
// package's types. All on the spec's one `n8n start`: each credential's token URL is its own (a
// parameter the lab ignores), so every run logs in afresh instead of finding a held token.
import { startTokenLab } from '../servers/token-lab';
import { basicToBearerCredential, passwordGrantCredential } from './harness/lab-credentials';
import { useN8nSpec } from './harness/spec-setup';
import type { CredentialFixture } from './harness/cli';
import { httpWorkflow, newId } from './harness/workflows';

describe('No secret in execution output or logs, in real n8n', () => {
	const { n8n, lab } = useN8nSpec('no-secrets', { servers: { lab: async () => await startTokenLab({ echoPasswordOnRefusal: true }) } });
	const ownTokenUrl = (tokenUrl: string) => `${tokenUrl}?credential=${newId()}`;

	/** Every secret the lab issued or knows, plus the credential's own. */
	const secretsSeen = (credential: CredentialFixture) =>
		[
			String(credential.data.password),
			String(credential.data.clientSecret ?? lab.settings.clientSecret),
			lab.settings.password,
			...lab.issuedRefreshTokens,
			...lab.apiAuthorizations.map((header) => header.replace(/^Bearer /, '')),
		].filter((secret) => secret.length >= 6);

	async function runAndCollect(credential: CredentialFixture, apiStatus: number) {
		lab.set({ apiStatusOverride: apiStatus });
		const workflow = httpWorkflow({
			url: lab.apiUrl,
			credentialType: credential.type,
			credentialId: credential.id,
			credentialName: credential.name,
			items: 2,
		});
		const tokenCallsBefore = lab.counts.basicTokenCalls + lab.counts.oauthPasswordCalls;
		const result = await n8n.execute(await n8n.load(workflow, [credential]));
		// A login in this run: its answer, the token, is among what could leak.
		expect(lab.counts.basicTokenCalls + lab.counts.oauthPasswordCalls).toBeGreaterThan(tokenCallsBefore);
		return { result, everything: `${result.stdout}\n${result.stderr}` };
	}

	it.each([
		['an API that answers 500', 500],
		['an API that answers 401', 401],
		['an API that answers 403', 403],
	])('Basic to Bearer with %s', async (_name, status) => {
		const credential = basicToBearerCredential(lab, { accessTokenUrl: ownTokenUrl(lab.basicTokenUrl) });
		const { result, everything } = await runAndCollect(credential, status);
		expect(result.ok).toBe(false);
		expect(lab.counts.apiCalls).toBeGreaterThan(0); // the token was really sent, so there is one to leak
		expect(everything).toContain('forced_by_lab'); // the API's answer is in the output: the check reads what n8n shows
		for (const secret of secretsSeen(credential)) expect(everything).not.toContain(secret);
	});

	it('OAuth2 Password Grant with an API that answers 500 (access and refresh tokens issued)', async () => {
		const credential = passwordGrantCredential(lab);
		const { result, everything } = await runAndCollect(credential, 500);
		expect(result.ok).toBe(false);
		expect(lab.issuedRefreshTokens.length).toBeGreaterThan(0);
		for (const secret of secretsSeen(credential)) expect(everything).not.toContain(secret);
	});

	it('a wrong password that the token endpoint writes back into its error', async () => {
		const credential = basicToBearerCredential(lab, { password: 'Wr0ng-but-real-looking' });
		const { result, everything } = await runAndCollect(credential, 0);
		expect(result.ok).toBe(false);
		expect(everything).toMatch(/refused the login/);
		expect(everything).not.toContain('Wr0ng-but-real-looking');
	});
});

// Several n8n processes (queue-mode workers) sharing one stored credential, through n8n-core's
// request helpers. The cluster itself (Postgres, Redis, workers) is covered in test/e2e/queue.
import type { BasicToBearerApi } from '../../credentials/BasicToBearerApi.credentials';
import type { PasswordGrantOAuth2Api } from '../../credentials/PasswordGrantOAuth2Api.credentials';
import { startTokenLab, type TokenLab } from '../servers/token-lab';
import { StoredCredential, n8nRequester } from './support/n8n-request-harness';
import { useControlledDate } from '../support/controlled-date';
import { basicToBearerFor, inNewProcess, passwordGrantFor } from './support/lab-credentials';

let lab: TokenLab;
beforeEach(async () => {
	lab = await startTokenLab();
});
afterEach(async () => await lab.close());

const basicProcess = () => inNewProcess<BasicToBearerApi>('BasicToBearerApi');
const passwordGrantProcess = () => inNewProcess<PasswordGrantOAuth2Api>('PasswordGrantOAuth2Api');

describe('a token revoked by another process', () => {
	const time = useControlledDate();

	it('renews again when a token from an ordinary renewal is rejected, even right after a renewal for another rejection', async () => {
		lab.set({ lifetimeSeconds: 2 });
		const stored = new StoredCredential(basicToBearerFor(lab));
		const n8n = n8nRequester(basicProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		lab.revokeAllTokens();
		await expect(n8n.legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true });
		time.pass(1700); // an ordinary renewal before expiry
		await n8n.legacyRequest({ uri: lab.apiUrl });
		// Another worker's reuse of a refresh token made a strict server revoke the renewed token.
		lab.revokeAllTokens();
		await expect(n8n.legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true });
		expect(lab.counts.basicTokenCalls).toBe(4);
		expect(lab.counts.apiRejected).toBe(2);
	});

	it('survives a strict server revoking the token family when two processes refresh the same refresh token', async () => {
		lab.set({ lifetimeSeconds: 2, revokeFamilyOnReuse: true, tokenDelayMs: 50 });
		const stored = new StoredCredential(passwordGrantFor(lab));
		const workers = [n8nRequester(passwordGrantProcess(), stored), n8nRequester(passwordGrantProcess(), stored)];
		await workers[0].legacyRequest({ uri: lab.apiUrl });
		await workers[1].legacyRequest({ uri: lab.apiUrl });
		time.pass(1700); // both hold the same token, both find it due, both refresh the same refresh token
		const answers = await Promise.all(workers.map(async (worker) => await worker.legacyRequest({ uri: lab.apiUrl })));
		expect(answers).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true })]);
		expect(lab.counts.oauthRefreshReused).toBe(1);
		expect(lab.counts.oauthFamiliesRevoked).toBe(1);
		// Later requests of both still work: the refused refresh did not block the credential.
		for (const worker of workers) await expect(worker.legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true });
		expect(lab.counts.apiExpiredSeen).toBe(0);
	});
});

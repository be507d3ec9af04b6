import { BasicToBearerApi } from '../../credentials/BasicToBearerApi.credentials';
import { CREDENTIAL_TEST_HEADER } from '../../credentials/common/engine/hooks';
import { startTokenLab, type TokenLab } from '../servers/token-lab';
import { StoredCredential, failureOf, n8nRequester } from './support/n8n-request-harness';
import { useControlledDate } from '../support/controlled-date';
import { basicToBearerFor, inNewProcess } from './support/lab-credentials';

let lab: TokenLab;

beforeEach(async () => {
	lab = await startTokenLab();
});
afterEach(async () => await lab.close());

/** Each test gets its own class instance and token store, as in a new n8n process. */
const newProcess = () => inNewProcess<BasicToBearerApi>('BasicToBearerApi');

describe('Basic to Bearer: the exchange', () => {
	it('sends the username and password as HTTP Basic, with the chosen method and extra headers', async () => {
		const stored = new StoredCredential(basicToBearerFor(lab, { method: 'PUT', headers: '{"apiKey": "k-123"}' }));
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		const [tokenCall] = lab.tokenRequests;
		expect(tokenCall.method).toBe('PUT');
		expect(tokenCall.headers.apikey).toBe('k-123');
		expect(tokenCall.headers.authorization).toBe(`Basic ${Buffer.from('alice:wonderland-Pa55').toString('base64')}`);
		expect(lab.apiAuthorizations).toEqual([expect.stringMatching(/^Bearer lab-[0-9a-f]+$/)]);
	});

	it('sends the token without "Bearer " when Use Raw Token is on', async () => {
		const stored = new StoredCredential(basicToBearerFor(lab, { omitBearerPrefix: true }));
		const answer = await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		expect(answer).toMatchObject({ ok: true, rawToken: true });
		expect(lab.apiAuthorizations[0]).toMatch(/^lab-[0-9a-f]+$/);
	});

	it('reads the token and a numeric-string lifetime from dot paths', async () => {
		lab.set({ basicTokenPath: 'data.auth.token', basicExpiresPath: 'data.auth.ttl', basicExpiresAsString: true, lifetimeSeconds: 120 });
		const stored = new StoredCredential(
			basicToBearerFor(lab, { accessExtractionKey: 'data.auth.token', expiresInExtractionKey: 'data.auth.ttl' }),
		);
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		expect(lab.counts.apiAccepted).toBe(1);
		const expiresIn = Number(stored.data.expiresAt) - Number(stored.data.obtainedAt);
		expect(expiresIn).toBe(120_000);
	});
});

describe('Basic to Bearer: keeping the token', () => {
	const time = useControlledDate();

	it('makes one token call and one credential write for ten requests', async () => {
		const stored = new StoredCredential(basicToBearerFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		for (let i = 0; i < 10; i++) await n8n.legacyRequest({ uri: lab.apiUrl });
		expect(lab.counts.basicTokenCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(10);
		expect(stored.writes).toBe(1);
	});

	it('reuses the stored token after an n8n restart, without a token call', async () => {
		const stored = new StoredCredential(basicToBearerFor(lab));
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		await n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl });
		await n8nRequester(newProcess(), stored).httpRequest({ url: lab.apiUrl, json: true });
		expect(lab.counts.basicTokenCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(3);
		expect(stored.data.accessToken).toMatch(/^lab-/);
		expect(stored.data.sessionToken).toBe('');
	});

	it('shares one exchange among 100 concurrent items with a cold credential', async () => {
		lab.set({ tokenDelayMs: 200 });
		const stored = new StoredCredential(basicToBearerFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		const answers = await Promise.all(
			Array.from({ length: 100 }, async (_, item) => await n8n.legacyRequest({ uri: `${lab.apiUrl}?item=${item}` }, item)),
		);
		expect(answers).toHaveLength(100);
		expect(lab.counts.basicTokenCalls).toBe(1);
		expect(lab.counts.apiAccepted).toBe(100);
		expect(stored.writes).toBe(1);
	});

	it('renews before expiry, so an API that answers expired tokens with 403 never sees one', async () => {
		lab.set({ lifetimeSeconds: 2, expiredStatus: 403 });
		const stored = new StoredCredential(basicToBearerFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		time.pass(1700); // inside the last 20 % of the lifetime, not yet expired
		await n8n.legacyRequest({ uri: lab.apiUrl });
		time.pass(1700);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		expect(lab.counts.basicTokenCalls).toBe(3);
		expect(lab.counts.apiExpiredSeen).toBe(0);
		expect(lab.counts.apiAccepted).toBe(3);
	});

	it('keeps using a still-valid token when its early renewal fails', async () => {
		lab.set({ lifetimeSeconds: 2 });
		const stored = new StoredCredential(basicToBearerFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		time.pass(1700);
		lab.set({ basicMode: 'server-error' });
		await expect(n8n.legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true });
		expect(lab.counts.basicTokenCalls).toBe(2);
		expect(new Set(lab.apiAuthorizations).size).toBe(1);
		time.pass(400); // now expired: the failure is the answer
		expect(await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }))).toMatch(/token endpoint failed \(HTTP 503/);
		expect(lab.counts.apiExpiredSeen).toBe(0);
	});

	it('keeps a token without lifetime until the API rejects it, then renews and retries once', async () => {
		lab.set({ basicExpiresPath: '' });
		const stored = new StoredCredential(basicToBearerFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		expect(stored.data.expiresAt).toBe('');
		lab.revokeAllTokens();
		await expect(n8n.legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true });
		expect(lab.counts.basicTokenCalls).toBe(2);
		expect(lab.counts.apiCalls).toBe(3);
		expect(lab.counts.apiRejected).toBe(1);
	});

	it('renews after a 401 on the path other nodes use (httpRequestWithAuthentication)', async () => {
		const stored = new StoredCredential(basicToBearerFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.httpRequest({ url: lab.apiUrl, json: true });
		lab.revokeAllTokens();
		await expect(n8n.httpRequest({ url: lab.apiUrl, json: true })).resolves.toMatchObject({ ok: true });
		expect(lab.counts.basicTokenCalls).toBe(2);
		expect(n8n.hookCalls.filter((call) => call.expired)).toHaveLength(1);
	});

	it('retries a rejected request once, never in a loop, and does not renew again within the cooldown', async () => {
		lab.set({ apiStatusOverride: 401 });
		const stored = new StoredCredential(basicToBearerFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		for (let i = 0; i < 5; i++) expect(await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }))).toMatch(/Authorization failed/);
		// First request: login, call, renewal, retried call. Later ones: one call each, no renewal.
		expect(lab.counts.basicTokenCalls).toBe(2);
		expect(lab.counts.apiCalls).toBe(6);
	});

	it('does not turn API errors that are not about the token into a token call per item', async () => {
		const stored = new StoredCredential(basicToBearerFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		lab.set({ apiStatusOverride: 500 });
		for (let i = 0; i < 10; i++) await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }, i));
		expect(lab.counts.basicTokenCalls).toBeLessThanOrEqual(2);
	});
});

describe('Basic to Bearer: refused logins and edited credentials', () => {
	it('makes one token call for a wrong password, whatever the number of items and retries', async () => {
		lab.set({ echoPasswordOnRefusal: true });
		const stored = new StoredCredential(basicToBearerFor(lab, { password: 'wrong-Passw0rd' }));
		const n8n = n8nRequester(newProcess(), stored);
		const concurrent = await Promise.all(Array.from({ length: 20 }, async (_, i) => await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }, i))));
		const later = await failureOf(n8n.httpRequest({ url: lab.apiUrl }));
		expect(lab.counts.basicTokenCalls).toBe(1);
		expect(lab.counts.apiCalls).toBe(0);
		for (const message of [...concurrent, later]) {
			expect(message).toMatch(/refused the login \(HTTP 401: invalid_grant: Bad username or password/);
			expect(message).not.toContain('wrong-Passw0rd');
		}
	});

	it("shows the server's sentence beside its code, without the password", async () => {
		lab.set({ basicRefusal: { error: 'invalid_login', message: 'Account alice is locked; password "{password}" was not checked' } });
		const n8n = n8nRequester(newProcess(), new StoredCredential(basicToBearerFor(lab, { password: 'wrong-Passw0rd' })));
		const message = await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }));
		expect(message).toBe('The token endpoint refused the login (HTTP 401: invalid_login: Account alice is locked; password "***" was not checked)');
		expect(lab.counts.basicRefused).toBe(1);
	});

	it('drops the stored token at once when the password is edited', async () => {
		const stored = new StoredCredential(basicToBearerFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		stored.data.password = 'edited-Passw0rd';
		expect(await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }))).toMatch(/refused the login/);
		expect(lab.counts.basicTokenCalls).toBe(2);
		expect(lab.counts.apiCalls).toBe(1);
	});

	it('drops the stored token at once when the Access Token URL or username is edited', async () => {
		const stored = new StoredCredential(basicToBearerFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		await n8n.legacyRequest({ uri: lab.apiUrl });
		stored.data.accessTokenUrl = `${lab.basicTokenUrl}?tenant=2`;
		await n8n.legacyRequest({ uri: lab.apiUrl });
		expect(lab.tokenRequests.map((request) => request.path)).toEqual(['/basic/token', '/basic/token?tenant=2']);
		stored.data.username = 'bob';
		await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }));
		expect(lab.counts.basicTokenCalls).toBe(3);
	});

	it('tries again at once after the user fixes a refused password', async () => {
		const stored = new StoredCredential(basicToBearerFor(lab, { password: 'typo' }));
		const n8n = n8nRequester(newProcess(), stored);
		await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }));
		stored.data.password = lab.settings.password;
		await expect(n8n.legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true });
		expect(lab.counts.basicTokenCalls).toBe(2);
	});
});

describe('Basic to Bearer: bad input and bad answers', () => {
	const badSettings: [string, Record<string, unknown>, RegExp][] = [
		['Headers that are not JSON', { headers: '{apiKey: 1' }, /Headers is not valid JSON/],
		['Headers that are a JSON array', { headers: '["a"]' }, /Headers must be a JSON object/],
		['an Access Token URL that is not http(s)', { accessTokenUrl: 'ftp://127.0.0.1/token' }, /Access Token URL must start with http/],
		['an Access Token URL that is not a URL', { accessTokenUrl: 'token endpoint' }, /Access Token URL is not a valid URL/],
		['an empty Username', { username: '' }, /Username is empty/],
	];
	it.each(badSettings)('refuses %s before any request, naming the field', async (_name, overrides, message) => {
		const stored = new StoredCredential(basicToBearerFor(lab, overrides as never));
		expect(await failureOf(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl }))).toMatch(message);
		expect(lab.counts.basicTokenCalls + lab.counts.apiCalls).toBe(0);
		expect(stored.writes).toBe(0);
	});

	const badAnswers: [string, Parameters<TokenLab['set']>[0], RegExp][] = [
		['HTML', { basicMode: 'html' }, /answered HTML, not JSON \(HTTP 200\)/],
		['text that is not JSON', { basicMode: 'not-json' }, /not a JSON object \(HTTP 200\)/],
		['JSON without the token key', { basicMode: 'no-token' }, /answered without "access_token" \(Access Token Extraction Key\)\. Keys in the answer: message/],
		['a token that is not a string', { basicMode: 'number-token' }, /"access_token" \(Access Token Extraction Key\) is a number, not a string/],
		['a 5xx', { basicMode: 'server-error' }, /token endpoint failed \(HTTP 503: temporarily_unavailable\); the login itself was not refused/],
	];
	it.each(badAnswers)('explains a token endpoint that answers %s, calls no API and keeps working', async (_name, mode, message) => {
		lab.set(mode);
		const stored = new StoredCredential(basicToBearerFor(lab));
		const n8n = n8nRequester(newProcess(), stored);
		expect(await failureOf(n8n.legacyRequest({ uri: lab.apiUrl }))).toMatch(message);
		expect(lab.counts.basicTokenCalls).toBe(1); // n8n's retry after the failure did not call again
		expect(lab.counts.apiCalls).toBe(0);
		expect(stored.writes).toBe(0);
		lab.set({ basicMode: 'ok' });
		stored.data.headers = '{"x-fixed": "1"}'; // an edit: new settings, so no waiting out the pause
		await expect(n8n.legacyRequest({ uri: lab.apiUrl })).resolves.toMatchObject({ ok: true });
	});

	it('gives up on a token endpoint that does not answer, with the timeout in the message', async () => {
		lab.set({ basicMode: 'hang' });
		const stored = new StoredCredential(basicToBearerFor(lab));
		const message = await failureOf(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl }));
		expect(message).toMatch(/did not answer within 15 s/);
		expect(lab.counts.apiCalls).toBe(0);
	}, 40_000);

	it('says so when nothing listens at the token URL', async () => {
		const stored = new StoredCredential(basicToBearerFor(lab, { accessTokenUrl: 'http://127.0.0.1:9/token' }));
		const message = await failureOf(n8nRequester(newProcess(), stored).legacyRequest({ uri: lab.apiUrl }));
		expect(message).toMatch(/Could not reach the token endpoint: the connection was refused/);
	});
});

describe('Basic to Bearer: the credential test', () => {
	it('turns the test request into a real login against the Access Token URL', async () => {
		const type = newProcess();
		const stored = new StoredCredential(basicToBearerFor(lab));
		const answer = await n8nRequester(type, stored).httpRequest({
			url: lab.basicTokenUrl,
			headers: { [CREDENTIAL_TEST_HEADER]: 'login' },
			json: true,
		});
		expect(answer).toMatchObject({ access_token: expect.stringMatching(/^lab-/) });
		expect(lab.tokenRequests.at(-1)?.headers[CREDENTIAL_TEST_HEADER]).toBeUndefined();
		expect(type.test.request.headers).toEqual({ [CREDENTIAL_TEST_HEADER]: 'login' });
	});
});

/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
import { BearerTokenApi } from '../../credentials/BearerTokenApi.credentials';
import { startTokenLab, type TokenLab } from '../servers/token-lab';
import { StoredCredential, failureOf, n8nRequester } from './support/n8n-request-harness';

let lab: TokenLab;
beforeEach(async () => {
	lab = await startTokenLab();
});
afterEach(async () => await lab.close());

describe('Bearer Token', () => {
	it('sends Authorization: Bearer <token>, with surrounding whitespace and newlines removed', async () => {
		const stored = new StoredCredential({ token: '\n  static-Token.123 \r\n' });
		await failureOf(n8nRequester(new BearerTokenApi(), stored).legacyRequest({ uri: lab.apiUrl }));
		expect(lab.apiAuthorizations).toEqual(['Bearer static-Token.123']);
	});

	it('replaces an Authorization header the request already had, whatever its case', async () => {
		const stored = new StoredCredential({ token: 'static-Token.123' });
		await failureOf(
			n8nRequester(new BearerTokenApi(), stored).legacyRequest({ uri: lab.apiUrl, headers: { authorization: 'Basic old' } }),
		);
		expect(lab.apiAuthorizations).toEqual(['Bearer static-Token.123']);
	});

	const badTokens: [string, string, RegExp][] = [
		['a line break inside', 'abc\ndef', /Token contains a line break/],
		['a space inside', 'abc def', /Token contains whitespace inside it/],
		['a tab inside', 'abc\tdef', /Token contains whitespace inside it/],
		['a control character', 'abc\u0007def', /Token contains control characters/],
		['the Bearer prefix pasted in', 'Bearer abc', /starts with "Bearer "/],
		['nothing but whitespace', ' \n ', /Token is empty/],
		['a non-ASCII character', 'abcé', /outside printable ASCII/],
	];
	it.each(badTokens)('refuses a token with %s before any request', async (_name, token, message) => {
		const stored = new StoredCredential({ token });
		expect(await failureOf(n8nRequester(new BearerTokenApi(), stored).legacyRequest({ uri: lab.apiUrl }))).toMatch(message);
		expect(lab.counts.apiCalls).toBe(0);
	});

	it('tests the credential with a GET to the Test URL', () => {
		expect(new BearerTokenApi().test.request).toEqual({ url: '={{$credentials.testUrl}}', method: 'GET' });
	});
});

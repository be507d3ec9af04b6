import { BasicToBearerApi } from '../../../credentials/BasicToBearerApi.credentials';
import { BearerTokenApi } from '../../../credentials/BearerTokenApi.credentials';
import { PasswordGrantOAuth2Api } from '../../../credentials/PasswordGrantOAuth2Api.credentials';

/** The public contract: exported workflows refer to these names; labels follow the seed documents. */
describe('credential declarations', () => {
	const labels = (type: { properties: { displayName: string; type: string }[] }) =>
		type.properties.filter((p) => p.type !== 'hidden').map((p) => p.displayName);

	it('Basic to Bearer API', () => {
		const type = new BasicToBearerApi();
		expect([type.name, type.displayName]).toEqual(['basicToBearerApi', 'Basic to Bearer API']);
		expect(labels(type)).toEqual([
			'Username', 'Password', 'Access Token URL', 'Access Token Extraction Key', 'Expires In Extraction Key',
			'HTTP Operation', 'Headers', 'Use Raw Token',
		]);
	});

	it('OAuth2 Password Grant API', () => {
		const type = new PasswordGrantOAuth2Api();
		expect([type.name, type.displayName]).toEqual(['passwordGrantOAuth2Api', 'OAuth2 Password Grant API']);
		expect(labels(type)).toEqual([
			'Client Id', 'Client Secret', 'Username', 'Password', 'Grant Type', 'Headers', 'Access Token URL',
			'Refresh Token URL', 'Scope', 'Client Authentication', 'Use Raw Token', 'Body Parameters',
		]);
	});

	it('Bearer Token API', () => {
		const type = new BearerTokenApi();
		expect([type.name, type.displayName]).toEqual(['bearerTokenApi', 'Bearer Token API']);
		expect(labels(type)).toEqual(['Token', 'Test URL']);
	});

	it.each([[new BasicToBearerApi()], [new PasswordGrantOAuth2Api()]])('%p keeps every stored secret password-typed and one expirable field', (type) => {
		const hidden = type.properties.filter((p) => p.type === 'hidden');
		expect(hidden.filter((p) => p.typeOptions?.expirable).map((p) => p.name)).toEqual(['sessionToken']);
		for (const name of ['sessionToken', 'accessToken', 'refreshToken']) {
			expect(hidden.find((p) => p.name === name)?.typeOptions?.password).toBe(true);
		}
		for (const property of type.properties.filter((p) => /password|secret/i.test(p.name))) {
			expect(property.typeOptions?.password).toBe(true);
		}
	});

	it.each([[new BasicToBearerApi()], [new PasswordGrantOAuth2Api()], [new BearerTokenApi()]])('%p has a full documentation URL and a test', (type) => {
		expect(type.documentationUrl).toMatch(/^https:\/\/.+#/);
		expect(type.test.request.url).toMatch(/^=\{\{\$credentials\./);
	});
});

import { BasicToBearerApi } from '../../../credentials/BasicToBearerApi.credentials';
import { BearerTokenApi } from '../../../credentials/BearerTokenApi.credentials';
import { ClientCredentialsOAuth2Api } from '../../../credentials/ClientCredentialsOAuth2Api.credentials';
import { JwtBearerOAuth2Api } from '../../../credentials/JwtBearerOAuth2Api.credentials';
import { PasswordGrantOAuth2Api } from '../../../credentials/PasswordGrantOAuth2Api.credentials';
import { TokenLoginApi } from '../../../credentials/TokenLoginApi.credentials';

/** The public contract: exported workflows refer to these names; labels follow the seed documents. */
describe('credential declarations', () => {
	const labels = (type: { properties: { displayName: string; type: string }[] }) =>
		type.properties.filter((p) => p.type !== 'hidden').map((p) => p.displayName);

	it('Basic to Bearer API', () => {
		const type = new BasicToBearerApi();
		expect([type.name, type.displayName]).toEqual(['basicToBearerApi', 'Basic to Bearer API']);
		expect(labels(type)).toEqual([
			'Username', 'Password', 'Access Token URL', 'Access Token Extraction Key', 'Expires In Extraction Key',
			'HTTP Operation', 'Headers', 'Use Raw Token', 'Ignore SSL Issues (Insecure)',
		]);
	});

	it('OAuth2 Password Grant API', () => {
		const type = new PasswordGrantOAuth2Api();
		expect([type.name, type.displayName]).toEqual(['passwordGrantOAuth2Api', 'OAuth2 Password Grant API']);
		expect(labels(type)).toEqual([
			'Client Id', 'Client Secret', 'Username', 'Password', 'Grant Type', 'Headers', 'Access Token URL',
			'Refresh Token URL', 'Scope', 'Client Authentication', 'Private Key', 'Key ID', 'Certificate', 'Signing Algorithm', 'Assertion Audience',
			'Proof of Possession', 'DPoP Key', 'DPoP Private Key', 'Use Raw Token', 'Body Parameters', 'Ignore SSL Issues (Insecure)',
		]);
	});

	it('Token Login API', () => {
		const type = new TokenLoginApi();
		expect([type.name, type.displayName]).toEqual(['tokenLoginApi', 'Token Login API']);
		expect(labels(type)).toEqual([
			'Login URL', 'HTTP Operation', 'Headers', 'Send Credentials As', 'Username', 'Password', 'Username Field',
			'Password Field', 'Extra Login Fields', 'Token Location', 'Token Key', 'Expiry Key', 'Expiry Format',
			'Send Token As', 'Header Name', 'Token Prefix', 'Query Parameter Name', 'Cookie Name', 'Ignore SSL Issues (Insecure)',
		]);
		const option = (name: string) =>
			(type.properties.find((p) => p.name === name)?.options as Array<{ name: string; value: string }>).map((o) => o.name);
		expect(option('method')).toEqual(['POST', 'GET', 'PUT']);
		expect(option('sendCredentialsAs')).toEqual(['JSON Body', 'Form Body', 'Basic Auth Header']);
		expect(option('answerLocation')).toEqual(['Response Body', 'Response Header', 'Cookie']);
		expect(option('expiryFormat')).toEqual(['Seconds From Now', 'Unix Time in Seconds', 'Unix Time in Milliseconds', 'ISO 8601 Date']);
		expect(option('placement')).toEqual(['Header', 'Query Parameter', 'Cookie']);
		const defaults = Object.fromEntries(type.properties.map((p) => [p.name, p.default]));
		expect(defaults).toMatchObject({
			method: 'POST', sendCredentialsAs: 'jsonBody', usernameField: 'username', passField: 'password', answerLocation: 'body',
			expiryKey: '', expiryFormat: 'secondsFromNow', placement: 'header', headerName: 'Authorization', headerPrefix: 'Bearer ',
			allowUnauthorizedCerts: false,
		});
		expect(type.test.request.url).toBe('={{$credentials.loginUrl}}');
	});

	it('Bearer Token API', () => {
		const type = new BearerTokenApi();
		expect([type.name, type.displayName]).toEqual(['bearerTokenApi', 'Bearer Token API']);
		expect(labels(type)).toEqual(['Token', 'Test URL']);
	});

	it.each([[new BasicToBearerApi()], [new PasswordGrantOAuth2Api()], [new TokenLoginApi()], [new ClientCredentialsOAuth2Api()], [new JwtBearerOAuth2Api()]])('%p keeps every stored secret password-typed and one expirable field', (type) => {
		const hidden = type.properties.filter((p) => p.type === 'hidden');
		expect(hidden.filter((p) => p.typeOptions?.expirable).map((p) => p.name)).toEqual(['sessionToken']);
		for (const name of ['sessionToken', 'accessToken', 'refreshToken']) {
			expect(hidden.find((p) => p.name === name)?.typeOptions?.password).toBe(true);
		}
		for (const property of type.properties.filter((p) => /password|secret|privateKey/i.test(p.name))) {
			expect(property.typeOptions?.password).toBe(true);
		}
	});

	it.each([[new BasicToBearerApi()], [new PasswordGrantOAuth2Api()], [new BearerTokenApi()]])('%p has a full documentation URL and a test', (type) => {
		expect(type.documentationUrl).toMatch(/^https:\/\/.+#/);
		expect(type.test.request.url).toMatch(/^=\{\{\$credentials\./);
	});
});

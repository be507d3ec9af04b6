import { ClientCredentialsOAuth2Api } from '../../../credentials/ClientCredentialsOAuth2Api.credentials';

/** The public contract: exported workflows refer to these names; labels follow issue 15. */
describe('OAuth2 Client Credentials API declaration', () => {
	const type = new ClientCredentialsOAuth2Api();
	const field = (name: string) => type.properties.find((p) => p.name === name);
	const optionsOf = (name: string) => (field(name)?.options as Array<{ name: string; value: string }>).map((o) => [o.name, o.value]);
	const shownFor = (name: string) => field(name)?.displayOptions?.show?.clientAuthentication;

	it('has its name, labels and documentation anchor', () => {
		expect([type.name, type.displayName]).toEqual(['clientCredentialsOAuth2Api', 'OAuth2 Client Credentials API']);
		expect(type.properties.filter((p) => p.type !== 'hidden').map((p) => p.displayName)).toEqual([
			'Access Token URL', 'Client Authentication', 'Client Id', 'Client Secret', 'Key File', 'Private Key', 'Key ID', 'Certificate',
			'Signing Algorithm', 'Assertion Audience', 'Scope', 'Body Parameters', 'Headers', 'Proof of Possession', 'DPoP Key', 'DPoP Private Key',
			'Use Raw Token', 'Ignore SSL Issues (Insecure)',
		]);
		expect(type.documentationUrl).toBe('https://www.npmjs.com/package/n8n-nodes-token-auth#oauth2-client-credentials-api');
		expect(type.test.request.url).toBe('={{$credentials.accessTokenUrl}}');
	});

	it('offers the four client authentications, HTTP Basic first and default', () => {
		expect(optionsOf('clientAuthentication')).toEqual([
			['Client Secret in Header', 'header'], ['Client Secret in Body', 'body'],
			['Private Key JWT', 'privateKeyJwt'], ['Client Secret JWT', 'clientSecretJwt'],
		]);
		expect(field('clientAuthentication')?.default).toBe('header');
		expect(optionsOf('signingAlgorithm').map(([name]) => name)).toEqual(['RS256', 'RS384', 'RS512', 'PS256', 'ES256', 'ES384']);
		expect(field('signingAlgorithm')?.default).toBe('RS256');
	});

	it('shows each field for the methods that use it, and keeps secrets in password fields', () => {
		expect(shownFor('clientSecret')).toEqual(['header', 'body', 'clientSecretJwt']);
		for (const name of ['privateKeyFile', 'privateKey', 'keyId', 'certificate', 'signingAlgorithm']) expect(shownFor(name)).toEqual(['privateKeyJwt']);
		expect(field('privateKeyFile')).toMatchObject({ displayName: 'Key File', type: 'string', default: '', typeOptions: { password: true, rows: 5 } });
		expect(field('privateKeyFile')?.description).toContain('What it carries wins over the fields: Private Key, Key ID, Client Id');
		expect(shownFor('assertionAudience')).toEqual(['privateKeyJwt', 'clientSecretJwt']);
		expect(field('clientId')?.displayOptions).toBeUndefined();
		expect(field('privateKey')?.typeOptions).toMatchObject({ password: true, rows: 5 });
		// A certificate is public: a plain text area, so its line breaks survive the paste.
		expect(field('certificate')).toMatchObject({ displayName: 'Certificate', type: 'string', default: '', typeOptions: { password: false, rows: 5 } });
		expect(field('clientSecret')?.typeOptions).toMatchObject({ password: true });
		expect(type.properties.filter((p) => p.typeOptions?.expirable).map((p) => p.name)).toEqual(['sessionToken']);
	});
});

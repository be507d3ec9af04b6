import { JwtBearerOAuth2Api } from '../../../credentials/JwtBearerOAuth2Api.credentials';

/** The public contract: exported workflows refer to these names; labels follow issue 15. */
describe('OAuth2 JWT Bearer API declaration', () => {
	const type = new JwtBearerOAuth2Api();
	const field = (name: string) => type.properties.find((p) => p.name === name);
	const shownFor = (name: string) => field(name)?.displayOptions?.show?.clientAuthentication;

	it('has its name, labels and documentation anchor', () => {
		expect([type.name, type.displayName]).toEqual(['jwtBearerOAuth2Api', 'OAuth2 JWT Bearer API']);
		expect(type.properties.filter((p) => p.type !== 'hidden').map((p) => p.displayName)).toEqual([
			'Access Token URL', 'Issuer', 'Subject', 'Audience', 'Scope', 'Extra Claims', 'Assertion Lifetime', 'Token to Use', 'Target Audience',
			'Key File', 'Private Key', 'Key ID',
			'Certificate', 'Signing Algorithm', 'Client Authentication', 'Client Id', 'Client Secret', 'Assertion Audience', 'Body Parameters', 'Headers',
			'Proof of Possession', 'DPoP Key', 'DPoP Private Key', 'Use Raw Token', 'Ignore SSL Issues (Insecure)',
		]);
		expect(type.documentationUrl).toBe('https://www.npmjs.com/package/n8n-nodes-token-auth#oauth2-jwt-bearer-api');
		expect(type.test.request.url).toBe('={{$credentials.accessTokenUrl}}');
	});

	it('authenticates no client by default, and offers the four client authentications', () => {
		const options = (field('clientAuthentication')?.options as Array<{ name: string; value: string }>).map((o) => o.name);
		expect(options).toEqual(['None', 'Client Secret in Header', 'Client Secret in Body', 'Private Key JWT', 'Client Secret JWT']);
		expect(field('clientAuthentication')?.default).toBe('none');
		expect(field('assertionLifetime')?.default).toBe(300);
	});

	it('always shows the key fields (the grant is signed), the client fields only when a client authenticates', () => {
		for (const name of ['privateKey', 'keyId', 'certificate', 'signingAlgorithm']) expect(field(name)?.displayOptions).toBeUndefined();
		expect(shownFor('clientId')).toEqual(['header', 'body', 'privateKeyJwt', 'clientSecretJwt']);
		expect(shownFor('clientSecret')).toEqual(['header', 'body', 'clientSecretJwt']);
		expect(field('privateKey')?.typeOptions).toMatchObject({ password: true });
	});

	it('offers Token to Use (Access Token by default, ID Token), and asks Target Audience only for an ID token', () => {
		expect((field('tokenToUse')?.options as Array<{ name: string; value: string }>).map((o) => [o.name, o.value])).toEqual([
			['Access Token', 'access_token'], ['ID Token', 'id_token'],
		]);
		expect(field('tokenToUse')?.default).toBe('access_token');
		expect(field('targetAudience')?.displayOptions?.show).toEqual({ tokenToUse: ['id_token'] });
	});

	it('always shows the Key File, a password field that says it wins over the fields', () => {
		expect(field('privateKeyFile')).toMatchObject({ type: 'string', default: '', typeOptions: { password: true } });
		expect(field('privateKeyFile')?.displayOptions).toBeUndefined();
		expect(field('privateKeyFile')?.description).toContain('What it carries wins over the fields: Private Key, Key ID, Issuer');
	});
});

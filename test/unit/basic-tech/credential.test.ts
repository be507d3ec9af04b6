/* eslint-disable @n8n/community-nodes/no-dangerous-functions -- test code, not shipped: linted by eslint.tests.config.mjs */
import { BasicTechOAuth2Api } from '../../../credentials/BasicTechOAuth2Api.credentials';

const credential = new BasicTechOAuth2Api();
const prop = (name: string) => credential.properties.find((p) => p.name === name);

/** Evaluates a credential default `={{ ... }}` the way n8n does for plain JS over `$self`. */
function evaluate(name: string, self: Record<string, unknown>): string {
	const source = String(prop(name)?.default);
	const match = /^=\{\{([\s\S]*)\}\}$/.exec(source);
	if (!match) throw new Error(`${name} is not an expression: ${source}`);
	return new Function('$self', `return (${match[1]});`)(self) as string;
}

describe('Basic (basic.tech) OAuth2 credential', () => {
	it('is an OAuth2 extension with OAuth2 in its names', () => {
		expect(credential.name).toBe('basicTechOAuth2Api');
		expect(credential.displayName).toBe('Basic (basic.tech) OAuth2 API');
		expect(credential.constructor.name).toMatch(/OAuth2/);
		expect(credential.extends).toEqual(['oAuth2Api']);
		expect(credential.documentationUrl).toMatch(/^https:\/\/docs\.basic\.tech\//);
	});

	it('pins the PKCE grant and body client authentication', () => {
		expect(prop('grantType')).toMatchObject({ type: 'hidden', default: 'pkce' });
		expect(prop('authentication')).toMatchObject({ type: 'hidden', default: 'body' });
	});

	it('needs no client secret, so n8n shows "Connect my account" without one', () => {
		// n8n 2.41's editor counts only displayed, required fields; hidden fields are never displayed.
		expect(prop('clientSecret')).toMatchObject({ type: 'hidden', default: '' });
		expect(prop('clientSecret')?.required).toBeFalsy();
		const visibleRequired = credential.properties.filter((p) => p.type !== 'hidden' && p.required && !p.displayOptions);
		expect(visibleRequired.map((p) => p.name)).toEqual(['clientId']);
	});

	it('keeps scope editable (not hidden), default profile', () => {
		// n8n drops a stored scope of an OAuth2 extension unless its scope property is not hidden.
		expect(prop('scope')).toMatchObject({ type: 'string', default: 'profile' });
	});

	it.each([
		[{ server: 'production' }, 'https://api.basic.tech'],
		[{ server: 'staging' }, 'https://beta.api.basic.tech'],
		[{ server: 'custom', baseUrl: 'http://127.0.0.1:4010/' }, 'http://127.0.0.1:4010'],
		[{ server: 'custom', baseUrl: ' https://basic.example.com ' }, 'https://basic.example.com'],
	])('points the flow at the chosen server %o', (self, base) => {
		expect(evaluate('authUrl', self)).toBe(`${base}/auth/authorize`);
		expect(evaluate('accessTokenUrl', self)).toBe(`${base}/auth/token`);
	});
});

import { jwtVerify } from 'jose';

import { PasswordGrantOAuth2Api } from '../../../credentials/PasswordGrantOAuth2Api.credentials';
import { passwordGrantScheme } from '../../../credentials/common/schemes/password-grant';
import { p256Key } from '../assertion/test-keys';

const base = { clientId: 'app', clientSecret: 'app-secret', username: 'u', password: 'p', accessTokenUrl: 'https://a.test/t' };
const formOf = (request: { body?: unknown }) => Object.fromEntries(new URLSearchParams(String(request.body)));

describe('password grant client authentication', () => {
	it('keeps the option values and labels it landed with, and adds the two JWT methods', () => {
		const field = new PasswordGrantOAuth2Api().properties.find((p) => p.name === 'clientAuthentication');
		expect((field?.options as Array<{ name: string; value: string }>).map((o) => [o.name, o.value])).toEqual([
			['Send Client Credentials in Header', 'header'], ['Send Client Credentials in Body', 'body'],
			['Private Key JWT', 'privateKeyJwt'], ['Client Secret JWT', 'clientSecretJwt'],
		]);
		expect(field?.default).toBe('header');
	});

	it('keeps the fingerprint identity of credentials stored before the JWT methods (no new fields, header or body)', () => {
		const identity = (more: Record<string, unknown>) => passwordGrantScheme.readSettings({ ...base, ...more } as never).identity;
		const before = (clientInHeader: boolean) => ['https://a.test/t', 'https://a.test/t', 'app', 'app-secret', 'u', 'p', 'password', '', clientInHeader, {}, {}];
		expect(identity({})).toEqual(before(true));
		expect(identity({ clientAuthentication: 'header' })).toEqual(before(true));
		expect(identity({ clientAuthentication: 'body' })).toEqual(before(false));
	});

	it('Private Key JWT: login and refresh each carry a new client assertion, never the secret', async () => {
		const settings = passwordGrantScheme.readSettings({ ...base, clientAuthentication: 'privateKeyJwt', privateKey: p256Key.pkcs8, signingAlgorithm: 'ES256' } as never);
		const login = formOf(passwordGrantScheme.loginRequest(settings));
		const refresh = formOf(passwordGrantScheme.refreshRequest?.(settings, 'rt-1') ?? {});
		for (const form of [login, refresh]) {
			expect(form).toMatchObject({ client_id: 'app', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer' });
			expect(form).not.toHaveProperty('client_secret');
			await expect(jwtVerify(form.client_assertion, p256Key.publicKey, { issuer: 'app', subject: 'app', audience: 'https://a.test/t' })).resolves.toBeDefined();
		}
		expect(login).toMatchObject({ grant_type: 'password', username: 'u', password: 'p' });
		expect(refresh).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'rt-1' });
		expect(login.client_assertion).not.toBe(refresh.client_assertion);
	});

	it('Client Secret JWT signs HS256 with the client secret', async () => {
		const settings = passwordGrantScheme.readSettings({ ...base, clientAuthentication: 'clientSecretJwt' } as never);
		const form = formOf(passwordGrantScheme.loginRequest(settings));
		await expect(jwtVerify(form.client_assertion, Buffer.from('app-secret'), { issuer: 'app' })).resolves.toBeDefined();
	});

	it('lists the private key for redaction', () => {
		const settings = passwordGrantScheme.readSettings({ ...base, clientAuthentication: 'privateKeyJwt', privateKey: p256Key.pkcs8, signingAlgorithm: 'ES256' } as never);
		expect(settings.secrets).toEqual(['p', 'app-secret', p256Key.pkcs8]);
	});
});

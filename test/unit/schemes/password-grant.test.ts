import { passwordGrantScheme } from '../../../credentials/common/schemes/password-grant';

describe('password grant requests', () => {
	const settings = passwordGrantScheme.readSettings({
		clientId: 'my client',
		clientSecret: 's&cret',
		username: 'u',
		password: 'p w',
		accessTokenUrl: 'https://a.test/t',
	});

	it('form-encodes the client id and secret inside the Basic header (RFC 6749 2.3.1)', () => {
		const request = passwordGrantScheme.loginRequest(settings);
		const decoded = Buffer.from(String(request.headers?.Authorization).slice(6), 'base64').toString();
		expect(decoded).toBe('my%20client:s%26cret');
		expect(new URLSearchParams(String(request.body)).get('password')).toBe('p w');
	});

	it('names a public client (no secret) in the body', () => {
		const publicClient = passwordGrantScheme.readSettings({ clientId: 'pub', username: 'u', accessTokenUrl: 'https://a.test/t' });
		const request = passwordGrantScheme.loginRequest(publicClient);
		expect(request.headers?.Authorization).toBeUndefined();
		expect(new URLSearchParams(String(request.body)).get('client_id')).toBe('pub');
	});
});

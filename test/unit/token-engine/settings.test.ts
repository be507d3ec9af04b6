import { basicToBearerScheme } from '../../../credentials/common/schemes/basic-to-bearer';
import { fingerprintOf } from '../../../credentials/common/engine/fingerprint';
import { passwordGrantScheme } from '../../../credentials/common/schemes/password-grant';
import { parseJsonObjectField, requireHttpUrl } from '../../../credentials/common/schemes/settings-input';

describe('JSON object fields', () => {
	it.each([
		['', {}],
		['  ', {}],
		['{}', {}],
		['{"apiKey": "k", "n": 1, "b": true}', { apiKey: 'k', n: '1', b: 'true' }],
		[{ already: 'parsed' }, { already: 'parsed' }],
	])('reads %p', (text, expected) => {
		expect(parseJsonObjectField('Headers', text)).toEqual(expected);
	});

	it.each([
		['{apiKey: 1}', /Headers is not valid JSON/],
		['[1]', /Headers must be a JSON object/],
		['"text"', /Headers must be a JSON object/],
		['null', /Headers must be a JSON object/],
		['{"nested": {"a": 1}}', /Headers: the value of "nested" must be a string, number or boolean/],
	])('refuses %p', (text, message) => {
		expect(() => parseJsonObjectField('Headers', text)).toThrow(message);
	});
});

describe('URL fields', () => {
	it.each([['http://127.0.0.1:8080/token'], [' https://auth.example.com/oauth/token ']])('accepts %p', (url) => {
		expect(requireHttpUrl('Access Token URL', url)).toBe(url.trim());
	});
	it.each([
		['', /Access Token URL is empty/],
		['auth.example.com/token', /not a valid URL/],
		['ftp://example.com/token', /must start with http:\/\/ or https:\/\/, not ftp:\/\//],
		['javascript:alert(1)', /must start with http/],
	])('refuses %p', (url, message) => {
		expect(() => requireHttpUrl('Access Token URL', url)).toThrow(message);
	});
});

describe('fingerprints', () => {
	const basic = { username: 'u', password: 'p', accessTokenUrl: 'https://a.test/t' };
	const fingerprint = (credentials: Record<string, unknown>) =>
		fingerprintOf('basicToBearerApi', basicToBearerScheme.readSettings(credentials as never).identity);

	it.each([
		['username', { username: 'v' }],
		['password', { password: 'q' }],
		['Access Token URL', { accessTokenUrl: 'https://a.test/t2' }],
		['HTTP Operation', { method: 'GET' }],
		['Headers', { headers: '{"a":"1"}' }],
		['Access Token Extraction Key', { accessExtractionKey: 'token' }],
	])('changes with the %s', (_name, change) => {
		expect(fingerprint({ ...basic, ...change })).not.toBe(fingerprint(basic));
	});

	it('stays the same for Use Raw Token (it does not change the token)', () => {
		expect(fingerprint({ ...basic, omitBearerPrefix: true })).toBe(fingerprint(basic));
	});

	it('differs between credential types with the same values', () => {
		expect(fingerprintOf('a', ['x'])).not.toBe(fingerprintOf('b', ['x']));
	});

	it.each([
		['Client Id', { clientId: 'other' }],
		['Client Secret', { clientSecret: 'other' }],
		['Refresh Token URL', { refreshTokenUrl: 'https://a.test/r' }],
		['Scope', { scope: 'x' }],
		['Body Parameters', { bodyParameters: '{"audience":"x"}' }],
		['Client Authentication', { clientAuthentication: 'body' }],
	])('password grant: changes with the %s', (_name, change) => {
		const base = { clientId: 'c', clientSecret: 's', username: 'u', password: 'p', accessTokenUrl: 'https://a.test/t' };
		const of = (credentials: Record<string, unknown>) => passwordGrantScheme.readSettings(credentials as never).identity;
		expect(fingerprintOf('p', of({ ...base, ...change }))).not.toBe(fingerprintOf('p', of(base)));
	});
});

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

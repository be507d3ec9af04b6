import { BasicToBearerApi } from '../../../credentials/BasicToBearerApi.credentials';
import { basicToBearerScheme } from '../../../credentials/common/schemes';

const base = { username: 'alice', password: 'pw', accessTokenUrl: 'https://auth.test/token' };

describe('Basic to Bearer: HTTP Operation', () => {
	const offered = (new BasicToBearerApi().properties.find((p) => p.name === 'method')?.options ?? []).map(
		(option) => (option as { value: string }).value,
	);

	it('accepts each method the form offers', () => {
		expect(offered).toEqual(['GET', 'POST', 'PUT']);
		for (const method of offered) {
			expect(basicToBearerScheme.readSettings({ ...base, method }).method).toBe(method);
		}
	});

	it.each([['PATCH'], ['DELETE']])('refuses %s, which the form does not offer', (method) => {
		expect(() => basicToBearerScheme.readSettings({ ...base, method })).toThrow('HTTP Operation must be one of GET, POST, PUT');
	});
});

describe('Basic to Bearer: the login request', () => {
	it('sends the username and password as HTTP Basic over the extra headers', () => {
		const settings = basicToBearerScheme.readSettings({ ...base, headers: '{"Authorization": "x", "apiKey": "k"}' });
		const request = basicToBearerScheme.loginRequest(settings);
		expect(request.headers).toEqual({ Accept: 'application/json', apiKey: 'k', Authorization: `Basic ${Buffer.from('alice:pw').toString('base64')}` });
	});
});

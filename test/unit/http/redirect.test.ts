import { redirectedRequest } from '../../../credentials/common/http/redirect';
import { thrownBy } from '../../support/thrown';

describe('redirects of a token request', () => {
	const post = {
		url: 'http://auth.example.com/token',
		method: 'POST' as const,
		headers: { Authorization: 'Basic c2VjcmV0', 'Content-Type': 'application/x-www-form-urlencoded' },
		body: 'grant_type=password&password=secret',
	};

	it.each([
		['a path on the same origin', 307, '/v2/token', 'http://auth.example.com/v2/token'],
		['an absolute URL on the same origin', 308, 'http://auth.example.com/other', 'http://auth.example.com/other'],
		['http to https on the default ports', 307, 'https://auth.example.com/token', 'https://auth.example.com/token'],
	])('follows %s', (_name, status, location, url) => {
		expect(redirectedRequest(post, status, location)).toMatchObject({ url, method: 'POST', body: post.body, headers: post.headers });
	});

	it('follows http to https on the same non-default port', () => {
		const request = { ...post, url: 'http://127.0.0.1:8443/token' };
		expect(redirectedRequest(request, 308, 'https://127.0.0.1:8443/token').url).toBe('https://127.0.0.1:8443/token');
	});

	it.each([
		['another host', 'http://evil.example.net/token', /redirected to http:\/\/evil\.example\.net, another origin than http:\/\/auth\.example\.com/],
		['a subdomain', 'http://x.auth.example.com/token', /redirected to http:\/\/x\.auth\.example\.com, another origin/],
		['another port', 'http://auth.example.com:8080/token', /redirected to http:\/\/auth\.example\.com:8080, another origin/],
		['https on another port', 'https://auth.example.com:8443/token', /redirected to https:\/\/auth\.example\.com:8443, another origin/],
		['user info', 'http://user:pw@auth.example.com/token', /with a user name or password in the URL/],
		['a non-http scheme', 'file:///etc/passwd', /redirected to a file: URL/],
		['no Location', undefined, /without a valid Location/],
	])('refuses %s', (_name, location, message) => {
		expect(() => redirectedRequest(post, 307, location)).toThrow(message);
	});

	it('refuses https to http, even on the same host', () => {
		const request = { ...post, url: 'https://auth.example.com/token' };
		expect(() => redirectedRequest(request, 301, 'http://auth.example.com/token')).toThrow(
			/redirected from https to plain http \(http:\/\/auth\.example\.com\): the login was not sent unencrypted/,
		);
	});

	it('never names more than the origin (no path, query or user info)', () => {
		const error = thrownBy(() => redirectedRequest(post, 302, 'http://evil.example.net/steal?password=secret')).message;
		expect(error).not.toMatch(/steal|secret/);
	});

	it.each([
		[303, 'POST', 'GET'],
		[303, 'PUT', 'GET'],
		[302, 'POST', 'GET'],
		[301, 'POST', 'GET'],
		[302, 'PUT', 'PUT'],
		[307, 'POST', 'POST'],
		[308, 'PUT', 'PUT'],
	])('after %i turns %s into %s, dropping the body only for GET', (status, method, after) => {
		const next = redirectedRequest({ ...post, method: method as 'POST' }, status, '/next');
		expect(next.method).toBe(after);
		if (after === 'GET') {
			expect(next.body).toBeUndefined();
			expect(next.headers).toEqual({ Authorization: 'Basic c2VjcmV0' });
		} else {
			expect(next.body).toBe(post.body);
		}
	});
});

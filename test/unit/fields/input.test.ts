import { parseJsonObjectField, requireHttpUrl } from '../../../credentials/common/fields/input';
import { thrownBy } from '../../support/thrown';

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

describe('URL fields with user info', () => {
	it.each([
		['name and password', 'https://user:pa55word@auth.example.com/token'],
		['a name only', 'https://user@auth.example.com/token'],
		['an empty name with a password', 'https://:pa55word@auth.example.com/token'],
	])('refuses %s without repeating them', (_name, url) => {
		const message = thrownBy(() => requireHttpUrl('Access Token URL', url)).message;
		expect(message).toMatch(/Access Token URL contains a user name or password before the host \("\.\.\.@auth\.example\.com"\): remove it/);
		expect(message).not.toMatch(/pa55word|user:/);
	});
});

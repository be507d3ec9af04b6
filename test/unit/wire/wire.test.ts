import { TokenAuthError } from '../../../credentials/common/errors';
import { pinWireRequest, readWireRequest, wireUrl } from '../../../credentials/common/wire';

describe('readWireRequest', () => {
	it('reads the legacy shape without changing it', () => {
		const options = { uri: 'https://API.example.com:443/a b?x=1#frag', method: 'post', qs: { y: 'z z' }, body: { a: 1 }, json: true };
		const before = JSON.stringify(options);
		const wire = readWireRequest(options);
		expect(JSON.stringify(options)).toBe(before);
		expect(wire).toEqual({
			method: 'POST',
			scheme: 'https',
			host: 'api.example.com',
			path: '/a%20b',
			query: 'x=1&y=z%20z',
			headers: { 'content-type': 'application/json' },
			body: { kind: 'bytes', bytes: Buffer.from('{"a":1}') },
		});
		expect(wireUrl(wire)).toBe('https://api.example.com/a%20b?x=1&y=z%20z');
	});

	it('keeps a port that is not the default, and headers in lower case', () => {
		const wire = readWireRequest({ url: 'http://127.0.0.1:8080', headers: { 'X-Api-Key': 'k', Multi: ['a', 'b'] } });
		expect(wire.host).toBe('127.0.0.1:8080');
		expect(wire.path).toBe('/');
		expect(wire.headers).toEqual({ 'x-api-key': 'k', multi: 'a, b' });
	});

	it('joins baseURL and a relative url as axios does', () => {
		expect(readWireRequest({ baseURL: 'https://h.example/v1/', url: '/items' }).path).toBe('/v1/items');
		expect(readWireRequest({ baseURL: 'https://h.example/v1', url: '' }).path).toBe('/v1');
	});

	it.each([
		['a relative URL', { url: '/only/a/path' }, /not a full URL/],
		['another scheme', { url: 'ftp://h.example/x' }, /uses ftp: where http: or https: is needed/],
	])('refuses %s', (_name, options, message) => {
		expect(() => readWireRequest(options)).toThrow(TokenAuthError);
		expect(() => readWireRequest(options)).toThrow(message);
	});
});

describe('pinWireRequest', () => {
	it('folds qs and baseURL into the URL and sets the serialized body and its content type', () => {
		const options: Record<string, unknown> = {
			uri: 'https://h.example/f?a=1',
			method: 'POST',
			qs: { b: ['x', 'y'] },
			useQuerystring: true,
			form: { c: 'd e' },
		};
		const wire = pinWireRequest(options);
		expect(options).toEqual({
			uri: 'https://h.example/f?a=1&b=x&b=y',
			method: 'POST',
			qs: undefined,
			useQuerystring: true,
			body: 'c=d%20e',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
		});
		expect(wire.query).toBe('a=1&b=x&b=y');
	});

	it('replaces a content type of another case instead of adding a second', () => {
		const options: Record<string, unknown> = { url: 'https://h.example', method: 'POST', body: { a: 1 }, headers: { 'Content-Type': 'application/json' } };
		pinWireRequest(options);
		expect(options.headers).toEqual({ 'Content-Type': 'application/json' });
		expect(options.body).toBe('{"a":1}');
	});

	it('changes nothing when called again on its result', () => {
		const options: Record<string, unknown> = { baseURL: 'https://h.example/v1', url: 'x', qs: { a: 'b c' }, method: 'PUT', body: { z: [1] } };
		const first = pinWireRequest(options);
		const pinned = structuredClone(options);
		expect(pinWireRequest(options)).toEqual(first);
		expect(options).toEqual(pinned);
	});

	it('leaves a multipart body as it is', () => {
		const formData = { file: 'x' };
		const options: Record<string, unknown> = { uri: 'https://h.example', method: 'POST', formData };
		expect(pinWireRequest(options).body).toEqual({ kind: 'unsignable', why: 'multipart' });
		expect(options.formData).toBe(formData);
	});
});

/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
import { Readable } from 'stream';

import { headerValue, serializeBody } from '../../../credentials/common/wire';

const text = (result: ReturnType<typeof serializeBody>) => (result.body.kind === 'bytes' ? result.body.bytes.toString() : result.body.why);

describe('serializeBody, legacy shape', () => {
	it('JSON for an object, with the content type the legacy converter adds', () => {
		expect(serializeBody({ body: { a: 'b' }, json: true }, true, 'POST')).toMatchObject({ sendAs: '{"a":"b"}', contentType: 'application/json' });
	});

	it('no content type added with json: false, and the string as it is', () => {
		const result = serializeBody({ body: ' x ', json: false }, true, 'POST');
		expect(text(result)).toBe(' x ');
		expect(result.contentType).toBeUndefined();
	});

	it('a form string as written', () => {
		expect(serializeBody({ form: 'a=b+c' }, true, 'POST')).toMatchObject({ sendAs: 'a=b+c', contentType: 'application/x-www-form-urlencoded' });
	});

	it('form fields merged into an object body when both are given', () => {
		expect(text(serializeBody({ body: { a: 1 }, form: { b: 2 } }, true, 'POST'))).toBe('{"a":1,"b":2}');
	});

	it('nothing for no body', () => {
		expect(text(serializeBody({}, true, 'GET'))).toBe('');
	});
});

describe('serializeBody, other nodes\' shape', () => {
	it('nothing for a GET, whatever the body', () => {
		expect(text(serializeBody({ body: 'x' }, false, 'GET'))).toBe('');
	});

	it('a string without a content type unchanged, and none added', () => {
		expect(serializeBody({ body: '  {"a":1}  ' }, false, 'POST')).toMatchObject({ sendAs: '  {"a":1}  ', contentType: undefined });
	});
});

describe('serializeBody, bodies whose bytes are not known before sending', () => {
	it.each([
		['legacy formData', { formData: { a: 'b' } }],
		['a multipart content type', { body: 'x', headers: { 'Content-Type': 'multipart/form-data; boundary=z' } }],
		['a FormData object', { body: new FormData() }],
		['a form-data package object', { body: { getBoundary: () => 'z', pipe: () => undefined } }],
	])('%s is multipart', (_name, request) => {
		expect(serializeBody(request as never, true, 'POST').body).toEqual({ kind: 'unsignable', why: 'multipart' });
	});

	it('a stream', () => {
		expect(serializeBody({ body: Readable.from(['x']) }, false, 'POST').body).toEqual({ kind: 'unsignable', why: 'stream' });
	});
});

describe('headerValue', () => {
	it('finds a header whatever its case and joins several values', () => {
		expect(headerValue({ 'X-A': ['1', '2'] }, 'x-a')).toBe('1, 2');
		expect(headerValue({ 'x-a': undefined }, 'X-A')).toBeUndefined();
		expect(headerValue(undefined, 'x')).toBeUndefined();
	});
});

/**
 * The wire request module against what n8n-core actually sends: a credential whose `authenticate`
 * pins the wire request, driven through n8n-core's `requestWithAuthentication` (the HTTP Request
 * node's legacy shape) and `httpRequestWithAuthentication` (other nodes), and a server that
 * records each request's raw bytes. What the module computed must be what arrived.
 */
import type { ICredentialDataDecryptedObject, ICredentialType, IHttpRequestOptions } from 'n8n-workflow';

import { pinWireRequest, type WireRequest } from '../../credentials/common/wire';
import { startRawRecorder, type RawRecorder, type RawRequest } from '../servers/raw-recorder';
import { StoredCredential, n8nRequester } from './support/n8n-request-harness';

let recorder: RawRecorder;
let computed: WireRequest[];
let pinTwice: boolean;

class WireProbeApi implements ICredentialType {
	name = 'wireProbeApi';
	displayName = 'Wire probe';
	properties = [];
	async authenticate(_credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions) {
		computed.push(pinWireRequest(requestOptions));
		if (pinTwice) computed.push(pinWireRequest(requestOptions));
		return requestOptions;
	}
}

beforeEach(async () => {
	recorder = await startRawRecorder();
	computed = [];
	pinTwice = false;
});
afterEach(async () => await recorder.close());

const requester = () => n8nRequester(new WireProbeApi(), new StoredCredential({}));

/** The module's answer and the server's record of the one request sent. */
function expectSentAsComputed(): { wire: WireRequest; sent: RawRequest } {
	expect(recorder.requests).toHaveLength(1);
	expect(computed).toHaveLength(1);
	const [sent] = recorder.requests;
	const [wire] = computed;
	expect(wire.body.kind).toBe('bytes');
	expect({
		method: sent.method,
		target: sent.target,
		host: sent.host,
		body: sent.body.toString('hex'),
	}).toEqual({
		method: wire.method,
		target: `${wire.path}${wire.query === '' ? '' : `?${wire.query}`}`,
		host: wire.host,
		body: wire.body.kind === 'bytes' ? wire.body.bytes.toString('hex') : '',
	});
	if (wire.headers['content-type'] !== undefined) expect(sent.headers['content-type']).toBe(wire.headers['content-type']);
	return { wire, sent };
}

const awkwardQuery = { q: 'a b+c~d*e', empty: '', none: null, list: ['1', '2'], nested: { k: 'v' }, 'ünï': 'ç', skip: undefined };

describe('the legacy shape (HTTP Request node, requestWithAuthentication)', () => {
	it('GET with a query in the URL and in qs (indices, the default)', async () => {
		await requester().legacyRequest({ uri: `${recorder.url}/p/a%20th/x y?z=1&s=a b|c`, qs: awkwardQuery });
		const { sent } = expectSentAsComputed();
		expect(sent.target).toBe(
			'/p/a%20th/x%20y?z=1&s=a%20b|c&q=a%20b%2Bc~d%2Ae&empty=&none=&list%5B0%5D=1&list%5B1%5D=2&nested%5Bk%5D=v&%C3%BCn%C3%AF=%C3%A7',
		);
	});

	it.each([
		['useQuerystring', { useQuerystring: true }, 'list=1&list=2'],
		['qsStringifyOptions repeat', { qsStringifyOptions: { arrayFormat: 'repeat' } }, 'list=1&list=2'],
		['qsStringifyOptions brackets', { qsStringifyOptions: { arrayFormat: 'brackets' } }, 'list%5B%5D=1&list%5B%5D=2'],
	])('GET with arrays in qs, %s', async (_name, options, expected) => {
		await requester().legacyRequest({ uri: `${recorder.url}/a`, qs: { list: ['1', '2'] }, ...options });
		expect(expectSentAsComputed().sent.target).toBe(`/a?${expected}`);
	});

	it('POST a JSON object (json: true)', async () => {
		await requester().legacyRequest({ uri: `${recorder.url}/j`, method: 'POST', body: { a: 1, b: ['x', { c: null }], s: 'é' } });
		const { sent } = expectSentAsComputed();
		expect(sent.body.toString()).toBe('{"a":1,"b":["x",{"c":null}],"s":"é"}');
		expect(sent.headers['content-type']).toBe('application/json');
	});

	it('POST an empty object with json: true sends {}', async () => {
		await requester().legacyRequest({ uri: `${recorder.url}/j`, method: 'POST', body: {} });
		expect(expectSentAsComputed().sent.body.toString()).toBe('{}');
	});

	it('POST a form (form: {...})', async () => {
		await requester().legacyRequest({ uri: `${recorder.url}/f`, method: 'POST', form: { a: 'x y', b: '1+1=2', list: ['p', 'q'] } });
		const { sent } = expectSentAsComputed();
		expect(sent.body.toString()).toBe('a=x%20y&b=1%2B1%3D2&list%5B0%5D=p&list%5B1%5D=q');
		expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
	});

	it('POST a body object under a form content type, repeat arrays (useQuerystring)', async () => {
		await requester().legacyRequest({
			uri: `${recorder.url}/f`,
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: { a: 'x y', list: ['p', 'q'] },
			useQuerystring: true,
		});
		expect(expectSentAsComputed().sent.body.toString()).toBe('a=x%20y&list=p&list=q');
	});

	it.each([
		['raw text, json: false', { body: 'hello  ', json: false, headers: { 'content-type': 'text/plain' } }, 'hello  '],
		['raw text, json: true', { body: ' a=1&b=2 ', json: true, headers: { 'content-type': 'text/plain' } }, ' a=1&b=2 '],
		['a JSON string with spaces around it', { body: '  {"a": 1}\n', headers: { 'content-type': 'application/json' } }, '{"a": 1}'],
		['text under a JSON content type', { body: 'not json', headers: { 'Content-Type': 'application/json' } }, '"not json"'],
		['a string with no content type, json: true', { body: '[1, 2]' }, '[1, 2]'],
		['a Buffer', { body: Buffer.from([0, 1, 2, 255]), json: false, headers: { 'content-type': 'application/octet-stream' } }, '\u0000\u0001\u0002\ufffd'],
	])('POST %s', async (_name, options, expected) => {
		await requester().legacyRequest({ uri: `${recorder.url}/r`, method: 'POST', ...options });
		expect(expectSentAsComputed().sent.body.toString()).toBe(expected);
	});

	it('a multipart body is reported as unsignable and still sent', async () => {
		await requester().legacyRequest({ uri: `${recorder.url}/m`, method: 'POST', formData: { a: 'x' } });
		expect(computed[0].body).toEqual({ kind: 'unsignable', why: 'multipart' });
		expect(recorder.requests[0].headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
	});

	it('pinning a pinned request again changes nothing (n8n re-authenticates a retried request object)', async () => {
		pinTwice = true;
		await requester().legacyRequest({ uri: `${recorder.url}/x`, method: 'POST', qs: { a: 'b c' }, form: { f: 'g h' } });
		expect(computed).toHaveLength(2);
		expect(computed[1]).toEqual(computed[0]);
		computed.pop();
		const { sent } = expectSentAsComputed();
		expect(sent.target).toBe('/x?a=b%20c');
		expect(sent.body.toString()).toBe('f=g%20h');
	});
});

describe('the other nodes\' shape (httpRequestWithAuthentication)', () => {
	it('GET baseURL + url + qs, arrayFormat repeat; a body on a GET is dropped', async () => {
		await requester().httpRequest({
			baseURL: `${recorder.url}/v1/`,
			url: '/items?x=1',
			qs: { list: ['a', 'b'], q: "it's (ok)!" },
			arrayFormat: 'repeat',
			body: { ignored: true },
			method: 'GET',
		});
		const { sent } = expectSentAsComputed();
		expect(sent.target).toBe('/v1/items?x=1&list=a&list=b&q=it%27s%20%28ok%29%21');
		expect(sent.body.length).toBe(0);
	});

	it('POST a JSON object', async () => {
		await requester().httpRequest({ url: `${recorder.url}/j`, method: 'POST', body: { a: [1, 2], b: 'ü' }, json: true });
		expect(expectSentAsComputed().sent.body.toString()).toBe('{"a":[1,2],"b":"ü"}');
	});

	it('POST an object under a form content type', async () => {
		await requester().httpRequest({
			url: `${recorder.url}/f`,
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: { a: 'x y', b: '~*' },
		});
		expect(expectSentAsComputed().sent.body.toString()).toBe('a=x%20y&b=~%2A');
	});

	it.each([
		['a string, no content type', { body: ' raw text ' }, ' raw text '],
		['a string under a JSON content type', { body: ' {"a":1} ', headers: { 'Content-Type': 'application/json' } }, '{"a":1}'],
		['URLSearchParams', { body: new URLSearchParams({ a: 'x y', b: '~' }) }, 'a=x+y&b=%7E'],
		['an empty object (not sent)', { body: {} }, ''],
	])('POST %s', async (_name, options, expected) => {
		await requester().httpRequest({ url: `${recorder.url}/r`, method: 'POST', ...options } as IHttpRequestOptions);
		expect(expectSentAsComputed().sent.body.toString()).toBe(expected);
	});
});

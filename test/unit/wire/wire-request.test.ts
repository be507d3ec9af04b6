import { wireUrl, type WireRequest } from '../../../credentials/common/wire';

const request: WireRequest = { method: 'GET', scheme: 'https', host: 'h.example:8443', path: '/a', query: '', headers: {}, body: { kind: 'bytes', bytes: Buffer.alloc(0) } };

describe('wireUrl', () => {
	it('writes the URL as sent, with a ? only when there is a query', () => {
		expect(wireUrl(request)).toBe('https://h.example:8443/a');
		expect(wireUrl({ ...request, query: 'x=1' })).toBe('https://h.example:8443/a?x=1');
	});
});

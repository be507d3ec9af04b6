import { authorizationPlacement } from '../../../credentials/common/fields/use-raw-token';
import { placeToken, withCookie } from '../../../credentials/common/placement/placement';
import type { IHttpRequestOptions } from 'n8n-workflow';

describe('token placement', () => {
	const legacy = (): IHttpRequestOptions => ({ uri: 'http://x/api', qs: { page: 2 }, headers: { authorization: 'old', Cookie: 'a=1; session=old' } }) as never;
	it.each([
		['Authorization with Bearer', authorizationPlacement({}), { headers: { Cookie: 'a=1; session=old', Authorization: 'Bearer T' }, qs: { page: 2 } }],
		['Authorization raw', authorizationPlacement({ omitBearerPrefix: true }), { headers: { Cookie: 'a=1; session=old', Authorization: 'T' } }],
		['a custom header, custom prefix', { sendAs: 'header', headerName: 'X-Auth', prefix: 'Token ' }, { headers: { authorization: 'old', Cookie: 'a=1; session=old', 'X-Auth': 'Token T' } }],
		['a header with an empty prefix', { sendAs: 'header', headerName: 'X-Auth', prefix: '' }, { headers: { authorization: 'old', Cookie: 'a=1; session=old', 'X-Auth': 'T' } }],
		['a query parameter next to the others', { sendAs: 'query', parameterName: 'access_token' }, { qs: { page: 2, access_token: 'T' } }],
		['a cookie merged with the request\'s cookies', { sendAs: 'cookie', cookieName: 'session' }, { headers: { authorization: 'old', Cookie: 'a=1; session=T' } }],
	] as const)('%s', (_, placement, expected) => {
		expect(placeToken(legacy(), placement as never, 'T')).toMatchObject(expected);
	});

	it('adds a query parameter and a cookie to a request that has none (url shape)', () => {
		expect(placeToken({ url: 'http://x' }, { sendAs: 'query', parameterName: 'key' }, 'T')).toEqual({ url: 'http://x', qs: { key: 'T' } });
		expect(placeToken({ url: 'http://x' }, { sendAs: 'cookie', cookieName: 'sid' }, 'T')).toEqual({ url: 'http://x', headers: { Cookie: 'sid=T' } });
	});

	it.each([
		[undefined, 'sid=T'],
		['', 'sid=T'],
		['sid=old', 'sid=T'],
		['theme=dark;  sid=old ; lang=en', 'theme=dark; lang=en; sid=T'],
		[['a=1', 'b=2'], 'a=1; b=2; sid=T'],
	])('a Cookie header %p becomes %p', (existing, expected) => {
		expect(withCookie(existing, 'sid', 'T')).toBe(expected);
	});
});

// Atlassian Connect's query string hash, checked against Atlassian's own library (atlassian-jwt on
// npm, the one its Connect frameworks use) and the rules of "Understanding JWT for Connect apps"
// (https://developer.atlassian.com/cloud/jira/platform/understanding-jwt-for-connect-apps/).
import { createQueryStringHash, fromMethodAndUrl } from 'atlassian-jwt';

import { canonicalRequest, queryStringHash } from '../../../credentials/common/self-signed/query-string-hash';

/** The request as our wire module hands it over: path and query exactly as sent. */
function wire(method: string, target: string) {
	const at = target.indexOf('?');
	return { method, path: at === -1 ? target : target.slice(0, at), query: at === -1 ? '' : target.slice(at + 1) };
}

describe('queryStringHash', () => {
	it.each([
		['GET', '/rest/api/3/search?jql=project%20%3D%20DEMO&maxResults=50', ''],
		['GET', '/rest/api/3/search?jql=project+%3D+DEMO', ''],
		['POST', '/rest/api/2/issue', ''],
		['GET', '/rest/api/2/project/', ''],
		['GET', '/rest/api/2/user?expand=groups&expand=applicationRoles&accountId=5b10a2844c20165700ede21g', ''],
		['GET', '/rest/api/2/search?b=2&a=1&jwt=ignored.jwt.value&c=', ''],
		['GET', "/rest/api/2/search?q=it's%20(a)%20*test*%20~ok&x=%E2%9C%93", ''],
		['DELETE', '/rest/api/2/issue/DEMO-1&x/comment', ''],
		['GET', '/wiki/rest/api/content?spaceKey=DEV&limit=25', 'https://example.atlassian.net/wiki'],
		['GET', '/wiki', 'https://example.atlassian.net/wiki'],
	])('%s %s (base %s): the hash atlassian-jwt computes', (method, target, baseUrl) => {
		const basePath = baseUrl === '' ? '' : new URL(baseUrl).pathname;
		const expected = createQueryStringHash(fromMethodAndUrl(method, `https://example.atlassian.net${target}`), false, baseUrl || 'https://example.atlassian.net');
		expect(queryStringHash(wire(method, target), basePath)).toBe(expected);
	});

	it('the canonical request, as documented: sorted names, repeated values sorted and joined with ",", no jwt', () => {
		expect(canonicalRequest(wire('get', '/rest/api/2/search/?b=2&a=y&a=x&jwt=abc&s=a b'), '')).toBe('GET&/rest/api/2/search&a=x,y&b=2&s=a%20b');
		expect(canonicalRequest(wire('GET', '/'), '')).toBe('GET&/&');
		expect(canonicalRequest(wire('PUT', '/wiki/rest/api/content/1'), '/wiki')).toBe('PUT&/rest/api/content/1&');
	});
});

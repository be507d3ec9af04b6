import { createHash } from 'crypto';

import { bindingClaims } from '../../../credentials/common/self-signed/binding';

const request = { method: 'GET', host: 'api.coinbase.com', path: '/api/v3/brokerage/accounts', query: 'limit=5' };

describe('bindingClaims', () => {
	// https://docs.cdp.coinbase.com/get-started/authentication/jwt-authentication: uri = f"{request_method} {request_host}{request_path}"
	it('uri: method, a space, host and path, as Coinbase documents', () => {
		expect(bindingClaims('uri', request)).toEqual({ uri: 'GET api.coinbase.com/api/v3/brokerage/accounts' });
	});

	it('uris: the same text as the one element of a list, as the CDP SDK sends', () => {
		expect(bindingClaims('uris', { ...request, host: 'api.cdp.coinbase.com', path: '/platform/v2/evm/accounts' })).toEqual({
			uris: ['GET api.cdp.coinbase.com/platform/v2/evm/accounts'],
		});
	});

	it('keeps a non-default port, as the Host header carries it', () => {
		expect(bindingClaims('uri', { method: 'POST', host: '127.0.0.1:8443', path: '/a%20b', query: '' })).toEqual({ uri: 'POST 127.0.0.1:8443/a%20b' });
	});

	it('qsh: the SHA-256 of method, path after the base path, and query (Atlassian Connect)', () => {
		const expected = createHash('sha256').update('GET&/rest/api/2/issue&fields=summary').digest('hex');
		expect(bindingClaims('qsh', { method: 'GET', host: 'x.atlassian.net', path: '/rest/api/2/issue', query: 'fields=summary' })).toEqual({ qsh: expected });
		expect(bindingClaims('qsh', { method: 'GET', host: 'x.atlassian.net', path: '/wiki/rest/api/2/issue', query: 'fields=summary' }, '/wiki')).toEqual({ qsh: expected });
	});

	it('adds nothing when not bound', () => {
		expect(bindingClaims('none', request)).toEqual({});
	});
});

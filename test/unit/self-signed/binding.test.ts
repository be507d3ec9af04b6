import { bindingClaims } from '../../../credentials/common/self-signed/binding';

const request = { method: 'GET', host: 'api.coinbase.com', path: '/api/v3/brokerage/accounts' };

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
		expect(bindingClaims('uri', { method: 'POST', host: '127.0.0.1:8443', path: '/a%20b' })).toEqual({ uri: 'POST 127.0.0.1:8443/a%20b' });
	});

	it('adds nothing when not bound', () => {
		expect(bindingClaims('none', request)).toEqual({});
	});
});

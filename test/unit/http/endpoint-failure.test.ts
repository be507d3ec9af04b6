import { tokenEndpointUnreachable } from '../../../credentials/common/http/endpoint-failure';

describe('token calls without an answer', () => {
	it.each([
		[{ code: 'ECONNABORTED', message: 'timeout of 15000ms exceeded' }, 'did not answer within 15 s'],
		[{ code: 'ECONNREFUSED' }, 'the connection was refused'],
		[{ code: 'ENOTFOUND' }, 'host name was not found'],
		[{ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'TLS certificate is self-signed (trust its CA with NODE_EXTRA_CA_CERTS, or turn on Ignore SSL Issues (Insecure))'],
		[{ code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }, 'signed by an unknown certificate authority'],
		[{ code: 'SELF_SIGNED_CERT_IN_CHAIN' }, 'chain ends in a self-signed certificate'],
		[{ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }, 'certificate is for another host name'],
		[{ code: 'EWHATEVER' }, 'Could not reach the token endpoint: no answer'],
		[{ message: 'Domain not allowed: This credential is restricted from accessing evil.test' }, 'The token call was blocked: Domain not allowed'],
	])('describes a call without answer %p', (error, message) => {
		const failure = tokenEndpointUnreachable(error, 15_000);
		expect(failure.message).toContain(message);
		expect(failure.message).not.toMatch(/ECONN|ENOTFOUND/);
		expect(failure.reason).not.toBe('LOGIN_REFUSED');
	});
});

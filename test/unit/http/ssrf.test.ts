/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// n8n's own SSRF errors (@n8n/backend-network, the classes n8n 2.41 throws) turned into the
// package's message. The errors are real instances, not look-alikes.
import { SsrfBlockedHostnameError, SsrfBlockedIpError } from '@n8n/backend-network';

import { tokenEndpointUnreachable } from '../../../credentials/common/http/endpoint-failure';
import { findSsrfRefusal, ssrfBlocked } from '../../../credentials/common/http/ssrf';

describe('SSRF refusals of a token call', () => {
	it('names the host, the refused address and both settings that allow it', () => {
		const message = ssrfBlocked(new SsrfBlockedIpError('127.0.0.1'), 'http://localhost:8080/token?x=1').message;
		expect(message).toBe(
			"The token call to localhost (127.0.0.1) was blocked by this n8n instance's SSRF protection (it is a restricted address); " +
				'nothing was sent. An administrator can allow it with N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES',
		);
	});

	it('says a blocked host name is on the blocked list', () => {
		const message = ssrfBlocked(new SsrfBlockedHostnameError('metadata.internal'), 'https://metadata.internal/token').message;
		expect(message).toContain('The token call to metadata.internal was blocked');
		expect(message).toContain('its host name is on the blocked list');
	});

	it('never repeats user info, path or query of the URL', () => {
		const message = ssrfBlocked(new SsrfBlockedIpError('169.254.169.254'), 'http://user:pa55word@169.254.169.254/latest?key=k3y').message;
		expect(message).toContain('The token call to 169.254.169.254 was blocked');
		expect(message).not.toMatch(/pa55word|k3y|latest|user/);
	});

	it('finds the refusal as the error itself or as a cause, and nothing else', () => {
		const refusal = new SsrfBlockedIpError('10.0.0.1');
		expect(findSsrfRefusal(refusal)).toBe(refusal);
		expect(findSsrfRefusal(Object.assign(new Error('connect failed'), { cause: refusal }))).toBe(refusal);
		expect(findSsrfRefusal(Object.assign(new Error('ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBeUndefined();
		expect(findSsrfRefusal('text')).toBeUndefined();
		expect(findSsrfRefusal(null)).toBeUndefined();
	});

	it('is what an unreachable token endpoint reports when n8n refused the call for SSRF', () => {
		const error = tokenEndpointUnreachable(new SsrfBlockedIpError('127.0.0.1'), 15_000, 'http://127.0.0.1:9/token');
		expect(error.message).toContain("blocked by this n8n instance's SSRF protection");
		expect(error.reason).toBe('BLOCKED');
	});
});

import { readClientAuth } from '../../../credentials/common/oauth2/client-auth';
import { tokenFormRequest } from '../../../credentials/common/oauth2/token-form-request';

const client = (credentials: Record<string, unknown>) =>
	readClientAuth(credentials as never, { defaultMethod: 'header', allowed: ['header', 'body'], secretOptional: false, accessTokenUrl: 'https://as.example/token' });

describe('tokenFormRequest', () => {
	it('posts the grant, then the Body Parameters, then the client authentication, as a form', () => {
		const request = tokenFormRequest(
			'https://as.example/token',
			{ grant_type: 'client_credentials', scope: 'a' },
			{ headers: { 'X-Tenant': 'acme', 'Content-Type': 'text/plain' }, bodyParameters: { resource: 'https://api', client_id: 'spoof' } },
			client({ clientAuthentication: 'body', clientId: 'c1', clientSecret: 's1' }),
		);
		expect(request).toMatchObject({ url: 'https://as.example/token', method: 'POST' });
		// The form's content type is not the Headers field's to change.
		expect(request.headers).toEqual({ Accept: 'application/json', 'X-Tenant': 'acme', 'Content-Type': 'application/x-www-form-urlencoded' });
		expect(Object.fromEntries(new URLSearchParams(request.body as string))).toEqual({
			grant_type: 'client_credentials', scope: 'a', resource: 'https://api', client_id: 'c1', client_secret: 's1',
		});
	});

	it('puts HTTP Basic client authentication over an Authorization from the Headers field', () => {
		const request = tokenFormRequest('https://as.example/token', { grant_type: 'client_credentials' }, { headers: { Authorization: 'x' }, bodyParameters: {} }, client({ clientId: 'c', clientSecret: 's' }));
		expect(request.headers?.Authorization).toBe(`Basic ${Buffer.from('c:s').toString('base64')}`);
	});
});

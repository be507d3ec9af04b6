import { isRefusalStatus, tokenEndpointFailure } from '../../../credentials/common/response/status';

describe('token endpoint statuses', () => {
	it.each([
		[400, true],
		[401, true],
		[403, true],
		[404, true],
		[408, false],
		[429, false],
		[500, false],
		[503, false],
	])('HTTP %i is a refused login: %p', (status, refused) => {
		expect(isRefusalStatus(status)).toBe(refused);
		expect(tokenEndpointFailure(status, {}, []).reason).toBe(refused ? 'LOGIN_REFUSED' : 'ENDPOINT_FAILED');
	});

	it.each([
		[{ error: 'invalid_grant', error_description: 'Bad credentials' }, 'refused the login (HTTP 401: invalid_grant: Bad credentials)'],
		[{ error: 'invalid_client' }, 'refused the login (HTTP 401: invalid_client)'],
		[{ error: 'invalid_login', message: 'Account locked' }, 'refused the login (HTTP 401: invalid_login: Account locked)'],
		['not json', 'refused the login (HTTP 401)'],
		[{ error: 42 }, 'refused the login (HTTP 401)'],
		[{ error: 'x', error_description: 'line1\nline2\u0000' }, 'refused the login (HTTP 401: x: line1 line2)'],
	])('names the OAuth error of %p', (body, message) => {
		expect(tokenEndpointFailure(401, body, []).message).toContain(message);
	});

	it('redacts secrets the server wrote back and cuts long descriptions', () => {
		const body = { error: 'invalid_grant', error_description: `password hunter2-Secret rejected ${'x'.repeat(500)}` };
		const message = tokenEndpointFailure(400, body, ['hunter2-Secret']).message;
		expect(message).not.toContain('hunter2-Secret');
		expect(message).toContain('password *** rejected');
		expect(message.length).toBeLessThan(300);
	});
});

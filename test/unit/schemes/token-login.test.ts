import { tokenLoginScheme } from '../../../credentials/common/schemes/token-login';


describe('issued tokens that cannot travel in a header are refused, wherever the login put them', () => {
	const login = (location: string, key: string) =>
		tokenLoginScheme.readSettings({ loginUrl: 'https://login.example/', username: 'u', password: 'p', answerLocation: location, answerKey: key });
	const ESC = '\u001b';
	it.each([
		['body', 'data.token', { statusCode: 200, headers: {}, body: JSON.stringify({ data: { token: `abc${ESC}def` } }) }, '"data.token" (Token Key)'],
		['header', 'X-Auth-Token', { statusCode: 200, headers: { 'x-auth-token': `abc${ESC}def` }, body: '' }, '"X-Auth-Token" header (Token Key)'],
		['cookie', 'sid', { statusCode: 204, headers: { 'set-cookie': [`sid=abc${ESC}def; Path=/`] }, body: '' }, '"sid" cookie (Token Key)'],
	])('token in the %s', (location, key, response, field) => {
		expect(() => tokenLoginScheme.readResponse(login(location, key), response)).toThrow(
			`The token endpoint's ${field} contains the control character U+001B, which an HTTP header cannot carry: the token was refused and nothing was stored`,
		);
	});
});

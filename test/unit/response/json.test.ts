import { readJsonPath } from '../../../credentials/common/response/json';

describe('readJsonPath', () => {
	const answer = { access_token: 'a', data: { auth: { token: 'nested', ttl: '60' } }, 'dotted.key': 'whole', list: [{ t: 'x' }] };
	it.each([
		['access_token', 'a'],
		['data.auth.token', 'nested'],
		['data.auth.ttl', '60'],
		['dotted.key', 'whole'],
		['list.0.t', 'x'],
		['data.missing', undefined],
		['data.auth.token.deeper', undefined],
		['nothing', undefined],
	])('reads %s', (path, expected) => {
		expect(readJsonPath(answer, path)).toBe(expected);
	});

	it.each([[null], ['text'], [42], [undefined]])('finds nothing in %p', (value) => {
		expect(readJsonPath(value, 'a')).toBeUndefined();
	});
});

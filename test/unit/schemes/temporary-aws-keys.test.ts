/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
import { temporaryKeysOf, temporaryKeysToken } from '../../../credentials/common/schemes/temporary-aws-keys';

describe('temporary AWS keys as the held token', () => {
	const keys = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'wJalr/XUtnFEMI+K7MDENG', sessionToken: 'IQoJb3JpZ2luX2VjEOr//////////wEaCXVz=' };

	it('round-trips through the one string the engine stores', () => {
		expect(temporaryKeysOf(temporaryKeysToken(keys))).toEqual(keys);
	});

	it.each([['not JSON'], ['null'], ['{"accessKeyId":"A"}'], [JSON.stringify({ ...keys, sessionToken: 'two\nlines' })], [JSON.stringify({ ...keys, secretAccessKey: '' })]])(
		'refuses %p without quoting it',
		(token) => {
			expect(() => temporaryKeysOf(token)).toThrow(/^The held temporary AWS credentials are unreadable: the AssumeRole call did not run$/);
		},
	);
});

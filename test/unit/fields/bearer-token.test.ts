import { readBearerToken } from '../../../credentials/common/fields/bearer-token';
import { MAX_TOKEN_LENGTH } from '../../../credentials/common/response/text';

describe('a pasted static token (Bearer Token API)', () => {
	it('applies the same checker to a pasted static token', () => {
		expect(() => readBearerToken('abc\u0007def')).toThrow(/Token contains control characters/);
		expect(() => readBearerToken('a'.repeat(MAX_TOKEN_LENGTH + 1))).toThrow(/Token is 16385 characters long/);
		expect(readBearerToken(' 12|abc ')).toBe('12|abc');
	});
});

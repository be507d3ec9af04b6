import { checkDpopTokenType } from '../../../credentials/common/dpop';
import { TokenAuthError } from '../../../credentials/common/errors';

const answer = (body: unknown) => ({ statusCode: 200, headers: {}, body: JSON.stringify(body) });

function failureOf(body: unknown): TokenAuthError {
	try {
		checkDpopTokenType(answer(body));
	} catch (error) {
		return error as TokenAuthError;
	}
	throw new Error('accepted');
}

describe('checkDpopTokenType', () => {
	it('accepts token_type DPoP in any case (RFC 6749 section 5.1: case-insensitive)', () => {
		expect(() => checkDpopTokenType(answer({ access_token: 't', token_type: 'DPoP' }))).not.toThrow();
		expect(() => checkDpopTokenType(answer({ access_token: 't', token_type: 'dpop' }))).not.toThrow();
	});

	it('refuses a Bearer token to a DPoP request, saying what to change', () => {
		const error = failureOf({ access_token: 't', token_type: 'Bearer' });
		expect(error.reason).toBe('RESPONSE_REFUSED');
		expect(error.message).toMatch(/answered token_type Bearer to a DPoP request: it did not bind the token to the DPoP key/);
		expect(error.message).toMatch(/set Proof of Possession to None/);
	});

	it('refuses a response without token_type, and does not repeat an odd value', () => {
		expect(failureOf({ access_token: 't' }).message).toMatch(/answered no token_type/);
		const odd = failureOf({ access_token: 't', token_type: 'secret-looking value 123' });
		expect(odd.message).toMatch(/an unknown token_type/);
		expect(odd.message).not.toContain('secret-looking');
	});
});

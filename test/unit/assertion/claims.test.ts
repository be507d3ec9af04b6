import {
	ASSERTION_LIFETIME_SECONDS,
	checkExtraClaims,
	clientAssertionClaims,
	grantAssertionClaims,
	readAssertionLifetime,
} from '../../../credentials/common/assertion';

const clock = () => 1_700_000_000_500;

describe('clientAssertionClaims (RFC 7523 section 3)', () => {
	it('names the client as iss and sub, the audience as aud, and lives 300 s from now', () => {
		const claims = clientAssertionClaims('client-1', 'https://as.example/token', clock);
		expect(claims).toEqual({
			iss: 'client-1', sub: 'client-1', aud: 'https://as.example/token', jti: expect.any(String), iat: 1_700_000_000, exp: 1_700_000_300,
		});
		expect(ASSERTION_LIFETIME_SECONDS).toBe(300);
	});

	it('gives every assertion its own jti', () => {
		const ids = new Set(Array.from({ length: 1000 }, () => clientAssertionClaims('c', 'a', clock).jti));
		expect(ids.size).toBe(1000);
	});
});

describe('grantAssertionClaims (RFC 7523 section 2.1)', () => {
	const input = { issuer: 'svc@example', subject: 'alice@example', audience: 'https://login.example', extraClaims: { scope: 'drive' }, lifetimeSeconds: 120 };

	it('sets iss, sub, aud, jti, iat and exp = iat + lifetime, with the extra claims merged', () => {
		expect(grantAssertionClaims(input, clock)).toEqual({
			scope: 'drive', iss: 'svc@example', sub: 'alice@example', aud: 'https://login.example', jti: expect.any(String), iat: 1_700_000_000, exp: 1_700_000_120,
		});
	});

	it('leaves sub out when no subject is set, and gives each assertion its own jti', () => {
		const first = grantAssertionClaims({ ...input, subject: undefined }, clock);
		expect(first).not.toHaveProperty('sub');
		expect(grantAssertionClaims(input, clock).jti).not.toBe(first.jti);
	});
});

describe('checkExtraClaims and readAssertionLifetime', () => {
	it('refuses Extra Claims that would replace a claim the fields set', () => {
		expect(() => checkExtraClaims('Extra Claims', { scope: 'x', iss: 'me', exp: 1 })).toThrow(
			'Extra Claims may not set "iss", "exp": the credential\'s own fields set it',
		);
		expect(checkExtraClaims('Extra Claims', { scope: 'x', nbf: 1 })).toEqual({ scope: 'x', nbf: 1 });
	});

	it.each([[undefined, 300], ['', 300], [60, 60], ['90', 90], [3600, 3600]])('reads %p as %p seconds', (value, seconds) => {
		expect(readAssertionLifetime('Assertion Lifetime', value)).toBe(seconds);
	});

	it.each([[0], [-5], [1.5], ['soon'], [3601]])('refuses %p', (value) => {
		expect(() => readAssertionLifetime('Assertion Lifetime', value)).toThrow(
			`Assertion Lifetime must be a whole number of seconds from 1 to 3600, not ${String(value)}`,
		);
	});
});

describe('checkExtraClaims with names a type reserves besides', () => {
	it('refuses them with the rest', () => {
		expect(() => checkExtraClaims('Extra Claims', { uri: 'x', iss: 'y' }, ['uri', 'nbf'])).toThrow('Extra Claims may not set "uri", "iss"');
		expect(checkExtraClaims('Extra Claims', { scope: 'a' }, ['uri'])).toEqual({ scope: 'a' });
	});
});

import { formLoginBody, jsonLoginBody, parseExtraLoginFields } from '../../../credentials/common/schemes/token-login-body';

describe('login body', () => {
	it('nests dot paths in JSON over the extra fields, keeping JSON types', () => {
		expect(
			jsonLoginBody([['auth.email', 'a@b.c'], ['auth.secret', 'pw']], { remember: true, auth: { realm: 'main' }, tries: 3 }),
		).toEqual({ remember: true, tries: 3, auth: { realm: 'main', email: 'a@b.c', secret: 'pw' } });
	});

	it('does not change the extra fields it was given', () => {
		const extra = { auth: { realm: 'main' } };
		jsonLoginBody([['auth.user', 'u']], extra);
		expect(extra).toEqual({ auth: { realm: 'main' } });
	});

	it.each([
		[[['auth.user', 'u']], { auth: 'flat' }, /"auth\.user" cannot be set: "auth"/],
		[[['a..b', 'u']], {}, /not a usable field path/],
	] as const)('refuses a path it cannot write: %p', (fields, extra, message) => {
		expect(() => jsonLoginBody(fields as never, extra)).toThrow(message);
	});

	it('keeps dot names literal in a form and lets the credentials win over extra fields', () => {
		expect(formLoginBody([['user.name', 'u'], ['pass', 'p w&']], { pass: 'extra', lang: 'en', n: 1 }).toString()).toBe(
			'pass=p+w%26&lang=en&n=1&user.name=u',
		);
		expect(() => formLoginBody([], { nested: { a: 1 } })).toThrow(/"nested" holds an object/);
	});

	it.each([
		['', {}],
		['{"remember": true, "n": 2}', { remember: true, n: 2 }],
		[{ a: 'b' }, { a: 'b' }],
	])('Extra Login Fields %p', (text, expected) => {
		expect(parseExtraLoginFields(text)).toEqual(expected);
	});

	it.each(['{nope', '[1]', '"text"'])('Extra Login Fields refuses %p', (text) => {
		expect(() => parseExtraLoginFields(text)).toThrow(/Extra Login Fields/);
	});
});

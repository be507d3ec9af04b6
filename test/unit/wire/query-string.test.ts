/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// `qs` is what n8n's HTTP client uses to serialize `qs`; here it is the oracle (a dev dependency via n8n-core).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stringify } = require('qs') as { stringify: (value: unknown, options: { arrayFormat: string }) => string };

import { decodeQueryComponent, encodeRfc3986, serializeQuery, withoutQueryParameters } from '../../../credentials/common/wire';

const samples: Record<string, unknown>[] = [
	{ a: 'x y', b: '+', c: '~-._', d: "!'()*", e: 'ü€😀', f: '%2F/?#&=' },
	{ list: ['1', '2', 'x y'], nested: { k: 'v', deeper: { z: 1 } }, n: 5, t: true, f: false },
	{ none: null, skipped: undefined, emptyList: [], emptyString: '' },
	{ 'key with space': 'v', 'a[b]': 'c', objects: [{ a: 1 }, { b: 2 }] },
	{ when: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) },
];

describe('serializeQuery', () => {
	it.each(['indices', 'brackets', 'repeat', 'comma'] as const)('writes what qs.stringify writes, arrayFormat %s', (arrayFormat) => {
		for (const sample of samples) expect(serializeQuery(sample, arrayFormat)).toBe(stringify(sample, { arrayFormat }));
	});

	it('defaults to indices, as n8n configures axios', () => {
		expect(serializeQuery({ l: ['a', 'b'] })).toBe('l%5B0%5D=a&l%5B1%5D=b');
	});

	it('serializes URLSearchParams itself, as axios does', () => {
		expect(serializeQuery(new URLSearchParams([['a', 'x y'], ['a', '~']]))).toBe('a=x+y&a=%7E');
	});

	it('writes nothing for no parameters', () => {
		expect(serializeQuery(undefined)).toBe('');
		expect(serializeQuery({})).toBe('');
	});
});

describe('encodeRfc3986', () => {
	it('leaves only the unreserved characters', () => {
		expect(encodeRfc3986("AZaz09-._~ !'()*+/=&")).toBe('AZaz09-._~%20%21%27%28%29%2A%2B%2F%3D%26');
	});
});

describe('withoutQueryParameters', () => {
	it('removes the parameters named, compared decoded, keeping the rest as written', () => {
		expect(withoutQueryParameters('a=1&signature=x&b=%7E&time%73tamp=2&c', ['signature', 'timestamp'])).toBe('a=1&b=%7E&c');
	});

	it('leaves an empty query empty', () => {
		expect(withoutQueryParameters('', ['a'])).toBe('');
	});
});

describe('decodeQueryComponent', () => {
	it('reads + as a space and keeps a broken escape as written', () => {
		expect(decodeQueryComponent('a+b%20c')).toBe('a b c');
		expect(decodeQueryComponent('100%')).toBe('100%');
	});
});

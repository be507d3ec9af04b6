import { ParsedCache } from '../../../credentials/common/assertion/parsed-cache';

describe('ParsedCache', () => {
	it('parses a text once and hands back the same value', () => {
		const cache = new ParsedCache<object>();
		let parses = 0;
		const parse = () => ({ parse: ++parses });
		const first = cache.get('pem text', parse);
		expect(cache.get('pem text', parse)).toBe(first);
		expect(parses).toBe(1);
	});

	it('keeps at most its bound, dropping the oldest first', () => {
		const cache = new ParsedCache<string>(2);
		let parses = 0;
		const parse = (text: string) => () => `${text}#${++parses}`;
		cache.get('a', parse('a'));
		cache.get('b', parse('b'));
		cache.get('c', parse('c'));
		expect(cache.get('b', parse('b'))).toBe('b#2');
		expect(cache.get('a', parse('a'))).toBe('a#4');
	});

	it('keeps nothing when the parse throws', () => {
		const cache = new ParsedCache<string>();
		expect(() => cache.get('bad', () => { throw new Error('unreadable'); })).toThrow('unreadable');
		expect(cache.get('bad', () => 'fixed')).toBe('fixed');
	});
});

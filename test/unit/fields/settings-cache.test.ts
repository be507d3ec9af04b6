import { SettingsCache } from '../../../credentials/common/fields/settings-cache';

describe('SettingsCache', () => {
	const reader = () => {
		let reads = 0;
		return { read: (value: unknown) => () => ({ value, read: ++reads }), reads: () => reads };
	};

	it('reads a newly decrypted copy of the same values once', () => {
		const cache = new SettingsCache<object>();
		const { read, reads } = reader();
		const first = cache.read({ url: 'https://a.example', secret: 's' }, read('a'));
		expect(cache.read({ url: 'https://a.example', secret: 's' }, read('a'))).toBe(first);
		expect(reads()).toBe(1);
	});

	it('reads again when any field changes, nested values and names included', () => {
		const cache = new SettingsCache<object>();
		const { read, reads } = reader();
		cache.read({ url: 'https://a.example', extra: { a: 1 } }, read(1));
		cache.read({ url: 'https://a.example', extra: { a: 2 } }, read(2));
		cache.read({ url: 'https://b.example', extra: { a: 2 } }, read(3));
		cache.read({ uri: 'https://b.example', extra: { a: 2 } }, read(4));
		cache.read({ url: 'https://a.example', extra: { a: 1 }, scope: 'x' }, read(5));
		expect(reads()).toBe(5);
	});

	it('does not read again when only an ignored field changes (the stored token)', () => {
		const cache = new SettingsCache<object>(new Set(['accessToken']));
		const { read, reads } = reader();
		const first = cache.read({ url: 'https://a.example', accessToken: 'one' }, read('a'));
		expect(cache.read({ url: 'https://a.example', accessToken: 'two' }, read('a'))).toBe(first);
		expect(reads()).toBe(1);
	});

	it('keeps nothing when the read throws, so a wrong setting fails every time', () => {
		const cache = new SettingsCache<string>();
		const wrong = { url: 'not a url' };
		expect(() => cache.read(wrong, () => { throw new Error('Access Token URL is not a URL'); })).toThrow('not a URL');
		expect(() => cache.read(wrong, () => { throw new Error('Access Token URL is not a URL'); })).toThrow('not a URL');
		expect(cache.read(wrong, () => 'read')).toBe('read');
	});

	it('keeps at most its bound, the oldest dropped first', () => {
		const cache = new SettingsCache<object>(new Set(), 2);
		const { read, reads } = reader();
		cache.read({ n: 1 }, read(1));
		cache.read({ n: 2 }, read(2));
		cache.read({ n: 3 }, read(3));
		cache.read({ n: 2 }, read(2));
		expect(reads()).toBe(3);
		cache.read({ n: 1 }, read(1));
		expect(reads()).toBe(4);
	});
});

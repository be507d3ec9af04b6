import { NonceMemory } from '../../../credentials/common/dpop';

describe('NonceMemory', () => {
	it('keeps the last nonce per origin, whatever the path', () => {
		const nonces = new NonceMemory();
		nonces.set('https://as.example/token', 'n1');
		nonces.set('https://as.example/other?x=1', 'n2');
		expect(nonces.get('https://as.example/token')).toBe('n2');
	});

	it('keeps origins apart (another host or port is another server)', () => {
		const nonces = new NonceMemory();
		nonces.set('https://as.example/token', 'n1');
		expect(nonces.get('https://as.example:8443/token')).toBeUndefined();
		expect(nonces.get('https://other.example/token')).toBeUndefined();
	});
});

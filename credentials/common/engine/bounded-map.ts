/**
 * A Map that forgets its oldest key once it holds `limit` keys. Every edit of a credential is a
 * new fingerprint, so what a process remembers per fingerprint must stay bounded.
 */
export class BoundedMap<K, V> extends Map<K, V> {
	constructor(private readonly limit = 1_000) {
		super();
	}

	override set(key: K, value: V): this {
		if (!this.has(key) && this.size >= this.limit) {
			const oldest = this.keys().next();
			if (oldest.done !== true) this.delete(oldest.value);
		}
		return super.set(key, value);
	}
}

import { createHash } from 'crypto';

/**
 * What was parsed from a pasted text, by a digest of that text: settings are read before every
 * request, and parsing a key or certificate each time costs more than the request's own work.
 * Bounded, oldest dropped first. A parse that throws is not kept.
 */
export class ParsedCache<T> {
	private readonly entries = new Map<string, T>();

	constructor(private readonly max = 64) {}

	get(text: string, parse: () => T): T {
		const digest = createHash('sha256').update(text).digest('hex');
		const known = this.entries.get(digest);
		if (known !== undefined) return known;
		const value = parse();
		if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
		this.entries.set(digest, value);
		return value;
	}
}

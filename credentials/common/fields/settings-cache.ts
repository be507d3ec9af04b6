import type { IDataObject } from 'n8n-workflow';

import { ParsedCache } from '../assertion/parsed-cache';

/**
 * A credential's settings, read once per distinct set of field values. n8n hands the hooks a
 * newly decrypted copy of the same values before every request; reading them again (URLs, JSON,
 * keys, the fingerprint) costs more than a digest of the values. Any edit is a new set of values,
 * so it is read at once; a read that throws is not kept, so a wrong setting fails every request.
 */
export class SettingsCache<T> {
	private readonly parsed: ParsedCache<T>;

	/** `ignored`: fields that are not settings (the token the engine stores with them). */
	constructor(
		private readonly ignored: ReadonlySet<string> = new Set(),
		max = 128,
	) {
		this.parsed = new ParsedCache<T>(max);
	}

	read(credentials: IDataObject, read: () => T): T {
		const values: unknown[] = [];
		for (const name of Object.keys(credentials)) {
			if (!this.ignored.has(name)) values.push(name, credentials[name]);
		}
		return this.parsed.get(JSON.stringify(values), read);
	}
}

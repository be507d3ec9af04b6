import { BoundedMap } from '../engine/bounded-map';

/**
 * The last DPoP-Nonce each authorization server sent, by origin, for this process: the next
 * token call carries it at once instead of being refused first (RFC 9449 section 8).
 */
export class NonceMemory {
	private readonly byOrigin = new BoundedMap<string, string>(200);

	get(url: string): string | undefined {
		return this.byOrigin.get(new URL(url).origin);
	}

	set(url: string, nonce: string): void {
		this.byOrigin.set(new URL(url).origin, nonce);
	}
}

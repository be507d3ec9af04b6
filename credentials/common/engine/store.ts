import { BoundedMap } from './bounded-map';
import type { TokenState } from './state';

/**
 * The tokens this n8n process holds, by fingerprint. n8n loads the package once per process, so
 * every item and every concurrent execution sees the same store: one login serves them all.
 * When to renew is the engine's business (renewal-timing.ts), how to renew the renewal's.
 */
export class TokenStore {
	private readonly held = new BoundedMap<string, TokenState>();

	get(fingerprint: string): TokenState | undefined {
		return this.held.get(fingerprint);
	}

	set(state: TokenState): void {
		this.held.set(state.fingerprint, state);
	}
}

/**
 * JWTs kept for JWT Reuse, by a digest of the settings that made them (never a secret in clear),
 * each until shortly before it expires. Bounded: the oldest entry goes first. Per process, like
 * the token store: each worker signs its own, which the providers that allow reuse accept.
 */
export class JwtCache {
	private readonly entries = new Map<string, { jwt: string; reuseUntilMs: number }>();

	constructor(private readonly max = 256) {}

	/** The kept JWT for these settings, unless it is due for renewal at `nowMs`. */
	get(digest: string, nowMs: number): string | undefined {
		const entry = this.entries.get(digest);
		if (entry === undefined) return undefined;
		if (nowMs < entry.reuseUntilMs) return entry.jwt;
		this.entries.delete(digest);
		return undefined;
	}

	set(digest: string, jwt: string, reuseUntilMs: number): void {
		this.entries.delete(digest);
		if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value as string);
		this.entries.set(digest, { jwt, reuseUntilMs });
	}

	get size(): number {
		return this.entries.size;
	}
}

/**
 * When a JWT stops being reused: a tenth of its lifetime before exp, at least 5 s and at most a
 * minute, so a request sent at the last moment still arrives before exp on a server whose clock
 * runs slightly ahead.
 */
export function reuseUntilMs(issuedAtSeconds: number, lifetimeSeconds: number): number {
	const margin = Math.min(60, Math.max(5, lifetimeSeconds / 10));
	return (issuedAtSeconds + lifetimeSeconds - margin) * 1000;
}

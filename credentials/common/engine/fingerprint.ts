import { createHash } from 'crypto';

/**
 * A digest of everything that decides which token a login yields (type, URLs, user, client,
 * secrets, extra parameters). A stored token whose fingerprint differs was issued for other
 * settings, so editing a credential invalidates its token at once.
 *
 * Ignore SSL Issues joins only when on: turning it on after a certificate failure is not blocked
 * by that failure's memory, and tokens stored before the setting existed keep their fingerprint.
 */
export function fingerprintOf(typeName: string, identity: unknown[], ignoreSslIssues = false): string {
	const all = ignoreSslIssues ? [...identity, { ignoreSslIssues: true }] : identity;
	return createHash('sha256').update(JSON.stringify([typeName, ...all])).digest('hex');
}

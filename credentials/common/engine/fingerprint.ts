import { createHash } from 'crypto';

/**
 * A digest of everything that decides which token an exchange yields (type, URLs, user, client,
 * secrets, extra parameters). A stored token whose fingerprint differs was issued for other
 * settings, so editing a credential invalidates its token at once.
 */
export function fingerprintOf(typeName: string, identity: unknown[]): string {
	return createHash('sha256').update(JSON.stringify([typeName, ...identity])).digest('hex');
}

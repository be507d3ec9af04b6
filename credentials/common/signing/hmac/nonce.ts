import type { SigningMoment } from '../request-signer';

let lastIncreasing = 0;
const increasingByMoment = new WeakMap<SigningMoment, string>();

/**
 * Kraken's nonce: an integer that only grows for the key. Milliseconds since 1970, as Kraken's
 * examples use, one more than the last when two requests share a millisecond; the same value for
 * every read of one moment.
 */
export function increasingNonce(moment: SigningMoment): string {
	const known = increasingByMoment.get(moment);
	if (known !== undefined) return known;
	lastIncreasing = Math.max(moment.now.getTime(), lastIncreasing + 1);
	const nonce = String(lastIncreasing);
	increasingByMoment.set(moment, nonce);
	return nonce;
}

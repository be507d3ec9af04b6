import { createHash } from 'crypto';

import { bodyOf } from '../string-to-sign';
import type { WireRequest } from '../../wire';

/** What Kraken signs: the URI path's bytes followed by SHA-256(nonce + POST data). */
export function krakenMessage(wire: WireRequest, nonce: string): Buffer {
	const digest = createHash('sha256').update(nonce).update(bodyOf(wire)).digest();
	return Buffer.concat([Buffer.from(wire.path, 'utf8'), digest]);
}

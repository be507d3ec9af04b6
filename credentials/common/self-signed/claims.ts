import { randomUUID } from 'crypto';

import { bindingClaims, type BoundRequest } from './binding';
import type { SelfSignedSettings } from './settings';

/**
 * The claims of one JWT: Extra Claims, then what the preset documents, the request binding, the
 * time claims, and a new jti where the preset sends one (replay checks). `nowSeconds` is the iat.
 */
export function jwtClaims(settings: SelfSignedSettings, request: BoundRequest | undefined, nowSeconds: number): Record<string, unknown> {
	const { timeClaims } = settings.preset;
	return {
		...settings.extraClaims,
		...settings.preset.claims(settings.claimInput),
		...bindingClaims(settings.claimInput.binding, request, settings.claimInput.basePath),
		...(timeClaims.iat ? { iat: nowSeconds } : {}),
		...(timeClaims.nbf ? { nbf: nowSeconds } : {}),
		exp: nowSeconds + settings.lifetimeSeconds,
		...(timeClaims.jti ? { jti: randomUUID() } : {}),
	};
}

/** The header fields besides alg, typ and kid: Extra Header Fields, then the preset's fresh ones (Coinbase's nonce). */
export function jwtHeaderFields(settings: SelfSignedSettings): Record<string, unknown> {
	return { ...settings.extraHeader, ...settings.preset.freshHeader?.() };
}

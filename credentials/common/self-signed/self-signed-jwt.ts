import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import { signJwt } from '../assertion';
import { placeToken } from '../placement';
import { readWireRequest } from '../wire';
import { jwtClaims, jwtHeaderFields } from './claims';
import { JwtCache, reuseUntilMs } from './jwt-cache';
import { readSelfSignedSettings, type SelfSignedSettings } from './settings';
import type { BoundRequest } from './binding';

const reusedJwts = new JwtCache();

/**
 * `authenticate` of the Self-Signed JWT API: the settings read and checked (nothing is sent when
 * they are wrong), then a JWT for this request (or the reused one) put where Send Token As says.
 * A bound JWT names the request as it goes on the wire (credentials/common/wire).
 */
export async function authenticateWithSelfSignedJwt(credentials: IDataObject, requestOptions: IHttpRequestOptions, clock: () => number = Date.now) {
	const settings = readSelfSignedSettings(credentials);
	const bound = settings.claimInput.binding === 'none' ? undefined : boundRequestOf(requestOptions);
	return placeToken(requestOptions, settings.placement, jwtFor(settings, bound, clock));
}

/** A new JWT, or under JWT Reuse the kept one while it is good. */
export function jwtFor(settings: SelfSignedSettings, bound: BoundRequest | undefined, clock: () => number = Date.now): string {
	const nowMs = clock();
	if (settings.reuse) {
		const kept = reusedJwts.get(settings.digest, nowMs);
		if (kept !== undefined) return kept;
	}
	const nowSeconds = Math.floor(nowMs / 1000);
	const jwt = signJwt(jwtClaims(settings, bound, nowSeconds), settings.key, jwtHeaderFields(settings));
	if (settings.reuse) reusedJwts.set(settings.digest, jwt, reuseUntilMs(nowSeconds, settings.lifetimeSeconds));
	return jwt;
}

function boundRequestOf(requestOptions: IHttpRequestOptions): BoundRequest {
	const { method, host, path, query } = readWireRequest(requestOptions);
	return { method, host, path, query };
}

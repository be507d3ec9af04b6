import type { IHttpRequestOptions } from 'n8n-workflow';

import { TokenAuthError } from '../errors';
import type { TokenCall, TokenEndpointResponse } from '../http';
import { placeDpopToken } from './api-request';
import { generateDpopKey, storedDpopKey, type DpopKey } from './key';
import { NonceMemory } from './nonces';
import { dpopTokenCall, withProof } from './token-call';
import { checkDpopTokenType } from './token-type';

/** What the engine keeps of a DPoP-bound token: the token and, for a generated key, its PEM. */
export interface BoundToken {
	accessToken: string;
	proofKey?: string;
}

/** The authorization servers' nonces, for every credential of this process. */
const processNonces = new NonceMemory();

/**
 * DPoP for one credential, as the engine uses it: the key of each token call (the pasted one, or
 * the one kept with the held token, or a new one), the proofs on token calls with their nonce
 * retry, the token type check, and the token with its proof on each API request.
 */
export class DpopBinding {
	constructor(
		private readonly pastedKey: DpopKey | undefined,
		private readonly nonces: NonceMemory = processNonces,
	) {}

	/**
	 * The token call proving the key, and the key's PEM to keep with the new token. A renewal keeps
	 * the held token's key: a refresh token bound to it is refused with another (section 5).
	 */
	bindTokenCall(call: TokenCall, held: BoundToken | undefined): { call: TokenCall; proofKey?: string } {
		const key = this.pastedKey ?? (held?.proofKey ? storedDpopKey(held.proofKey) : generateDpopKey());
		return { call: dpopTokenCall(call, key, this.nonces), proofKey: key.storedPem };
	}

	/**
	 * The editor's Test login, which n8n sends itself (no nonce retry): a proof of the pasted key or
	 * of a key made for the test, with the server's last nonce when this process knows it.
	 */
	proveTestLogin(request: IHttpRequestOptions): IHttpRequestOptions {
		return withProof(request, this.pastedKey ?? generateDpopKey(), this.nonces.get(request.url));
	}

	checkTokenType(response: TokenEndpointResponse): void {
		checkDpopTokenType(response);
	}

	/** `Authorization: DPoP <token>` and a fresh proof of this request with the token's key. */
	placeToken(requestOptions: IHttpRequestOptions, token: BoundToken): IHttpRequestOptions {
		const key = this.pastedKey ?? (token.proofKey ? storedDpopKey(token.proofKey) : undefined);
		if (key === undefined) throw new TokenAuthError('NO_TOKEN', 'The DPoP key of the held token is missing: the token cannot be used');
		return placeDpopToken(requestOptions, token.accessToken, key);
	}
}

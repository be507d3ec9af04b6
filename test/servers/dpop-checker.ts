/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
/**
 * The server side of DPoP (RFC 9449) with `jose`, for the labs: the checks of a token endpoint
 * (section 4.3, with the nonces of section 8) and of a resource server (section 7.1). One checker
 * per lab: it remembers every proof's `jti` (a replay is refused) and the current nonce.
 *
 *   const dpop = new DpopChecker();
 *   const verdict = await dpop.checkTokenRequest(req, url);  // { jkt } or { refusal, status, body, headers }
 *   const api = await dpop.checkApiRequest(req, url, authorization, boundJkt);
 */
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify, type JWK } from 'jose';
import { createHash, randomBytes } from 'crypto';
import type { IncomingMessage } from 'http';

/** One proof as a lab judged it. */
export interface DpopVerdict {
	accepted: boolean;
	/** Why it was refused (the first check that failed). */
	refusal?: string;
	htm?: string;
	htu?: string;
	jti?: string;
	nonce?: string;
	/** Thumbprint of the proof's key (RFC 7638). */
	jkt?: string;
}

export class DpopChecker {
	/** Token requests must carry the current nonce (section 8). */
	requireNonce = true;
	private nonce = randomBytes(12).toString('base64url');
	private readonly seenJtis = new Set<string>();

	currentNonce(): string {
		return this.nonce;
	}

	rotateNonce(): void {
		this.nonce = randomBytes(12).toString('base64url');
	}

	/**
	 * A token request's proof: signature, typ, htm, htu, iat within 60 s, jti not seen, the nonce.
	 * `refusalStatus` 400 with `use_dpop_nonce` when only the nonce is wrong.
	 */
	async checkTokenRequest(req: IncomingMessage, url: URL): Promise<DpopVerdict & { useNonce?: boolean }> {
		const verdict = await this.checkProof(req, url);
		if (!verdict.accepted) return verdict;
		if (this.requireNonce && verdict.nonce !== this.nonce) return { ...verdict, accepted: false, refusal: 'use_dpop_nonce', useNonce: true };
		return verdict;
	}

	/**
	 * What a token endpoint does with a request's DPoP (sections 5 and 8): no proof -> no binding
	 * (refused when the refresh token presented is bound); a proof -> the key to bind the token to,
	 * or the OAuth error to answer. `boundRefresh`: the key the presented refresh token is bound to.
	 * Every proof's verdict goes to `record`; the answer must carry `DPoP-Nonce: currentNonce()`.
	 */
	async admitTokenRequest(
		req: IncomingMessage,
		url: URL,
		boundRefresh: string | undefined,
		record: (verdict: DpopVerdict) => void,
	): Promise<{ bindTo?: string } | { error: string; description: string }> {
		if (req.headers.dpop === undefined) {
			return boundRefresh === undefined ? {} : { error: 'invalid_grant', description: 'the refresh token is DPoP-bound: no proof' };
		}
		const verdict = await this.checkTokenRequest(req, url);
		record(verdict);
		if (verdict.useNonce === true) return { error: 'use_dpop_nonce', description: 'Authorization server requires nonce in DPoP proof' };
		if (!verdict.accepted) return { error: 'invalid_dpop_proof', description: String(verdict.refusal) };
		if (boundRefresh !== undefined && boundRefresh !== verdict.jkt) return { error: 'invalid_grant', description: 'the refresh token is bound to another key' };
		return { bindTo: verdict.jkt };
	}

	/**
	 * An API request (section 7.1): the DPoP scheme for a bound token (and only for one), a valid
	 * proof of this request, `ath` of the token, the proof key the one the token is bound to.
	 */
	async checkApiRequest(req: IncomingMessage, url: URL, authorization: string, boundJkt: string | undefined): Promise<DpopVerdict> {
		const refuse = (refusal: string, seen: DpopVerdict = { accepted: false }): DpopVerdict => ({ ...seen, accepted: false, refusal });
		const dpopScheme = authorization.startsWith('DPoP ');
		if (!dpopScheme) return refuse('a DPoP-bound token sent with the Bearer scheme');
		if (boundJkt === undefined) return refuse('a bearer token sent with the DPoP scheme');
		const verdict = await this.checkProof(req, url);
		if (!verdict.accepted) return verdict;
		const token = authorization.slice('DPoP '.length);
		if (this.athOf(req) !== createHash('sha256').update(token).digest('base64url')) return refuse('ath does not match the token', verdict);
		if (verdict.jkt !== boundJkt) return refuse('the proof key is not the key the token is bound to', verdict);
		return verdict;
	}

	/**
	 * A lab API's check: requests with a bound token or the DPoP scheme are checked (the verdict
	 * goes to `record`); false when refused. Bearer requests with an unbound token pass.
	 */
	async admitsApiRequest(
		req: IncomingMessage,
		url: URL,
		authorization: string,
		boundJkt: string | undefined,
		record: (verdict: DpopVerdict) => void,
	): Promise<boolean> {
		if (boundJkt === undefined && !authorization.startsWith('DPoP ')) return true;
		const verdict = await this.checkApiRequest(req, url, authorization, boundJkt);
		record(verdict);
		return verdict.accepted;
	}

	private athOf(req: IncomingMessage): unknown {
		const proof = String(req.headers.dpop);
		return (JSON.parse(Buffer.from(proof.split('.')[1] ?? '', 'base64url').toString() || '{}') as { ath?: unknown }).ath;
	}

	private async checkProof(req: IncomingMessage, url: URL): Promise<DpopVerdict> {
		const header = req.headers.dpop;
		if (typeof header !== 'string') return { accepted: false, refusal: 'no DPoP proof' };
		let payload: Record<string, unknown>;
		let jwk: JWK;
		try {
			const verified = await jwtVerify(header, EmbeddedJWK, { typ: 'dpop+jwt', maxTokenAge: 60, clockTolerance: 5 });
			payload = verified.payload;
			jwk = verified.protectedHeader.jwk as JWK;
		} catch (error) {
			return { accepted: false, refusal: `proof not valid: ${(error as Error).message}` };
		}
		const { htm, htu, jti, nonce } = payload as Record<string, string | undefined>;
		const seen: DpopVerdict = { accepted: true, htm, htu, jti, nonce, jkt: await calculateJwkThumbprint(jwk) };
		const expectedHtu = `http://${String(req.headers.host)}${url.pathname}`;
		if (htm !== req.method) return { ...seen, accepted: false, refusal: `htm ${String(htm)} is not ${String(req.method)}` };
		if (htu !== expectedHtu) return { ...seen, accepted: false, refusal: `htu ${String(htu)} is not ${expectedHtu}` };
		if (typeof jti !== 'string' || this.seenJtis.has(jti)) return { ...seen, accepted: false, refusal: 'jti missing or replayed' };
		this.seenJtis.add(jti);
		return seen;
	}
}

import type { IHttpRequestHelper, IHttpRequestOptions } from 'n8n-workflow';

import { readBoundedBody } from './bounded-read';
import { TokenAuthError } from '../errors';
import { tokenEndpointUnreachable } from './endpoint-failure';
import { MAX_TOKEN_REDIRECTS, isRedirect, redirectedRequest } from './redirect';

/**
 * The whole token call, redirects and reading the response included, must end within this time.
 * A timeout that only counts silence lets a server that trickles a byte now and then hold the run.
 */
export const TOKEN_CALL_DEADLINE_MS = 15_000;
/**
 * The largest response read, after decompression. A token response is a few kilobytes (OAuth2 JSON
 * with a JWT access token and an id_token stays under 10 KB); 1 MB is a hundred times that, and
 * small enough that even many credentials renewing at once cannot move n8n's memory much.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** What a token endpoint answered: status, headers and the body read as text. */
export interface TokenEndpointResponse {
	statusCode: number;
	body: string;
	headers?: Record<string, unknown>;
}

/** Sends one request to a token endpoint and returns its response, whatever the status. */
export type TokenCall = (request: IHttpRequestOptions) => Promise<TokenEndpointResponse>;

export interface TokenCallLimits {
	deadlineMs: number;
	maxResponseBytes: number;
}

/**
 * Sends token requests through n8n's request helper with n8n's own redirect following off:
 * redirects are followed here, only where `redirectedRequest` allows, so a login never reaches
 * an origin the user did not enter. The response is read as a stream, counted after decompression
 * and dropped (connection closed) once over the limit.
 */
export function tokenCallFor(helpers: IHttpRequestHelper, limits: Partial<TokenCallLimits> = {}): TokenCall {
	const deadlineMs = limits.deadlineMs ?? TOKEN_CALL_DEADLINE_MS;
	const maxResponseBytes = limits.maxResponseBytes ?? MAX_RESPONSE_BYTES;
	return async (request) => {
		// AbortSignal.timeout keeps no process alive and needs no timer of ours.
		const deadline = AbortSignal.timeout(deadlineMs);
		let hop = request;
		try {
			for (let redirects = 0; ; redirects++) {
				const response = await send(helpers, hop, deadline, deadlineMs);
				if (!isRedirect(response.statusCode) || response.headers?.location === undefined) {
					const body = await readBoundedBody(response.body, response.headers, maxResponseBytes, deadline);
					return { statusCode: response.statusCode, headers: response.headers, body };
				}
				discard(response.body);
				if (redirects >= MAX_TOKEN_REDIRECTS) {
					throw new TokenAuthError('REDIRECT_REFUSED', `The token endpoint redirected more than ${MAX_TOKEN_REDIRECTS} times: the token call stopped`);
				}
				hop = redirectedRequest(hop, response.statusCode, response.headers.location);
			}
		} catch (error) {
			throw tokenCallFailure(error, deadline, deadlineMs, hop.url);
		}
	};
}

interface StreamedResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body: unknown;
}

async function send(
	helpers: IHttpRequestHelper,
	request: IHttpRequestOptions,
	deadline: AbortSignal,
	deadlineMs: number,
): Promise<StreamedResponse> {
	return (await helpers.helpers.httpRequest({
		...request,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		encoding: 'stream',
		json: false,
		disableFollowRedirect: true,
		sendCredentialsOnCrossOriginRedirect: false,
		abortSignal: deadline,
		timeout: deadlineMs,
	})) as StreamedResponse;
}

function discard(body: unknown): void {
	const stream = body as { destroy?: () => void } | null;
	if (stream !== null && typeof stream?.destroy === 'function') stream.destroy();
}

/** Whatever stopped the call, as a message of ours: the deadline first, since it causes the rest. */
function tokenCallFailure(error: unknown, deadline: AbortSignal, deadlineMs: number, url: string): TokenAuthError {
	if (deadline.aborted) return deadlinePassed(deadlineMs);
	if (error instanceof TokenAuthError) return error;
	return tokenEndpointUnreachable(error, deadlineMs, url);
}

function deadlinePassed(deadlineMs: number): TokenAuthError {
	return new TokenAuthError(
		'ENDPOINT_FAILED',
		`The token endpoint did not answer within ${deadlineMs / 1000} s (the limit for the whole token call, reading the answer included)`,
	);
}

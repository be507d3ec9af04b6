import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INode,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { refusalSentence, serverText } from '../../credentials/common/http';
import { resolveBaseUrl } from './base-url';

export const CREDENTIAL_TYPE = 'basicTechOAuth2Api';

/** Page size Return All asks for, and the most pages it will fetch before giving up. */
export const PAGE_SIZE = 100;
export const MAX_PAGES = 10_000;

/** The credential's server, and what no error message may show (client secret, held tokens). */
async function readCredential(this: IExecuteFunctions): Promise<{ baseUrl: string; secrets: string[] }> {
	const credentials = await this.getCredentials(CREDENTIAL_TYPE);
	const tokens = (credentials.oauthTokenData ?? {}) as IDataObject;
	const secrets = [credentials.clientSecret, tokens.access_token, tokens.refresh_token].filter(
		(value): value is string => typeof value === 'string',
	);
	return { baseUrl: resolveBaseUrl(credentials.server, credentials.baseUrl), secrets };
}

/** The status and Basic's own words (redacted with `secrets`), dug out of whatever n8n's request helper threw. */
export function describeBasicError(error: unknown, secrets: string[] = []): { status?: number; message?: string } {
	let status: number | undefined;
	let message: string | undefined;
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const e = current as {
			httpCode?: unknown;
			status?: unknown;
			statusCode?: unknown;
			response?: { status?: unknown; statusCode?: unknown; data?: unknown; body?: unknown };
			cause?: unknown;
			errorResponse?: unknown;
			reason?: unknown;
			context?: { data?: unknown };
			body?: unknown;
			message?: unknown;
		};
		const candidates = [e.response?.status, e.response?.statusCode, e.statusCode, e.status, e.httpCode];
		for (const candidate of candidates) {
			const n = Number(candidate);
			if (status === undefined && Number.isInteger(n) && n >= 100 && n < 600) status = n;
		}
		// n8n 1.x keeps only the answer's body, in the wrapping error's context; n8n's OAuth2
		// refresh (@n8n/client-oauth2's AuthError and ResponseError) keeps it as `body`.
		const body = e.response?.data ?? e.response?.body ?? e.context?.data ?? e.body;
		if (message === undefined) message = messageFromBody(body, secrets);
		// n8n 2.x keeps the request error as `cause`, n8n 1.x as `errorResponse`.
		current = e.cause ?? e.errorResponse ?? e.reason;
	}
	return { status, message };
}

/** n8n's own sentences run longer than a server's (client-oauth2's text for invalid_grant: 260). */
const MAX_N8N_TEXT = 500;

/**
 * The words of the innermost error n8n threw, for when Basic's answer is nowhere in it. A refused
 * refresh token loses Basic's answer on both lines: n8n-core 2.x replaces client-oauth2's AuthError
 * for invalid_grant by its own "The credential ... needs to be reconnected."; n8n-workflow 1.x
 * keeps no Error as a NodeApiError's cause, only its message (client-oauth2's text for the code).
 */
export function innermostMessage(error: unknown, secrets: string[] = []): string | undefined {
	let message: string | undefined;
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const e = current as { message?: unknown; cause?: unknown; errorResponse?: unknown; reason?: unknown };
		message = serverText(e.message, secrets, MAX_N8N_TEXT) ?? message;
		current = e.cause ?? e.errorResponse ?? e.reason;
	}
	return message;
}

function messageFromBody(raw: unknown, secrets: string[]): string | undefined {
	// n8n 1.x reads answers as bytes, so an error's body can be a Buffer.
	const body =
		raw instanceof Uint8Array ? new TextDecoder().decode(raw) : raw instanceof ArrayBuffer ? new TextDecoder().decode(new Uint8Array(raw)) : raw;
	let parsed = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body);
		} catch {
			return serverText(body, secrets);
		}
	}
	if (!parsed || typeof parsed !== 'object') return undefined;
	return refusalSentence(parsed, secrets) ?? serverText((parsed as { error?: unknown }).error, secrets);
}

/** One authenticated call to Basic. Errors surface as "Basic returned <status>: <message>". */
export async function basicApiRequest(
	this: IExecuteFunctions,
	method: IHttpRequestMethods,
	path: string,
	options: { body?: IDataObject; qs?: IDataObject; itemIndex?: number } = {},
): Promise<unknown> {
	const { baseUrl, secrets } = await readCredential.call(this);
	const request: IHttpRequestOptions = {
		method,
		url: `${baseUrl}${path}`,
		json: true,
		headers: { Accept: 'application/json' },
	};
	if (options.body !== undefined) request.body = options.body;
	if (options.qs && Object.keys(options.qs).length) request.qs = options.qs;
	try {
		return await this.helpers.httpRequestWithAuthentication.call(this, CREDENTIAL_TYPE, request);
	} catch (error) {
		const { status, message } = describeBasicError(error, secrets);
		// Without Basic's words or status, the call never got Basic's answer to the node: say n8n's.
		const n8nMessage = message === undefined && status === undefined ? innermostMessage(error, secrets) : undefined;
		const text =
			n8nMessage === undefined ? `Basic returned ${status ?? 'an error'}: ${message ?? 'no message'}` : `The request to Basic failed: ${n8nMessage}`;
		throw basicApiError(this.getNode(), (error ?? {}) as JsonObject, text, {
			description: `${method} ${path}`,
			httpCode: status === undefined ? undefined : String(status),
			itemIndex: options.itemIndex,
		});
	}
}

/**
 * A NodeApiError that keeps Basic's own words as its message. n8n swaps the message of a common
 * status for a generic one ("The resource you are requesting could not be found"), which hides
 * what Basic said from the user and from an agent reading the tool's error.
 */
export function basicApiError(
	node: INode,
	cause: JsonObject,
	message: string,
	options: { description?: string; httpCode?: string; itemIndex?: number },
): NodeApiError {
	const error = new NodeApiError(node, cause, { ...options, message });
	error.message = message;
	return error;
}

/** Basic wraps answers in `{ "data": ... }`; anything else is passed through unchanged. */
export function unwrapData(response: unknown): unknown {
	if (response && typeof response === 'object' && !Array.isArray(response) && 'data' in response) {
		return (response as { data: unknown }).data;
	}
	return response;
}

export function encodeSegment(name: string, value: string): string {
	const trimmed = value.trim();
	if (!trimmed) throw new Error(`${name} must not be empty`);
	return encodeURIComponent(trimmed);
}

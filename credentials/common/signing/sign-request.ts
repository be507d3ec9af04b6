import { randomBytes } from 'crypto';

import { takeHeader } from '../placement';
import { encodeRfc3986, headerValue, pinWireRequest, withoutQueryParameters, type LooseRequest, type WireRequest } from '../wire';
import type { RequestSigner, SignedParameter, SigningMoment } from './request-signer';

/**
 * Signs the request n8n hands `authenticate`: pins it to its wire form, removes what an earlier
 * try of the same request object carried, adds the parameters the signature covers, signs the
 * request as it will now be sent and adds the signature's headers and query parameters.
 */
export function signRequest<T extends object>(requestOptions: T, signer: RequestSigner, moment: SigningMoment = freshMoment()): T {
	const request = requestOptions as unknown as LooseRequest;
	let wire = pinWireRequest(request);
	const added = signer.signedParameters(moment);
	const ownNames = [...signer.ownParameterNames, ...added.map((parameter) => parameter.name)];
	if (ownNames.length > 0) {
		setQuery(request, wire, withoutQueryParameters(wire.query, ownNames));
		if (isFormBody(wire)) request.body = withoutQueryParameters(String(request.body), ownNames);
		wire = pinWireRequest(request);
	}
	if (added.length > 0) {
		addParameters(request, wire, added);
		wire = pinWireRequest(request);
	}
	const signature = signer.sign(wire, moment);
	for (const [name, value] of Object.entries(signature.headers)) {
		takeHeader(request as never, name);
		request.headers = { ...request.headers, [name]: value };
	}
	if (signature.query.length > 0) setQuery(request, wire, joinQuery(wire.query, signature.query));
	return requestOptions;
}

export function freshMoment(): SigningMoment {
	return { now: new Date(), nonce: randomBytes(16).toString('hex') };
}

function addParameters(request: LooseRequest, wire: WireRequest, parameters: SignedParameter[]): void {
	const inQuery = parameters.filter((parameter) => parameter.in === 'query').map(({ name, value }): [string, string] => [name, value]);
	if (inQuery.length > 0) setQuery(request, wire, joinQuery(wire.query, inQuery));
	const inBody = parameters.filter((parameter) => parameter.in === 'body');
	if (inBody.length === 0) return;
	const json = headerValue(request.headers, 'content-type')?.includes('application/json') === true;
	if (json) {
		const parsed = JSON.parse(String(request.body ?? '{}')) as Record<string, unknown>;
		for (const { name, value } of inBody) parsed[name] = value;
		request.body = JSON.stringify(parsed);
		return;
	}
	// First in the form, as in Kraken's published example (`nonce=...&ordertype=...`).
	const existing = wire.body.kind === 'bytes' ? wire.body.bytes.toString('utf8') : '';
	const added = joinQuery('', inBody.map(({ name, value }): [string, string] => [name, value]));
	request.body = existing === '' ? added : `${added}&${existing}`;
	if (existing === '') {
		takeHeader(request as never, 'content-type');
		request.headers = { ...request.headers, 'content-type': 'application/x-www-form-urlencoded' };
	}
}

function isFormBody(wire: WireRequest): boolean {
	return wire.body.kind === 'bytes' && wire.headers['content-type']?.startsWith('application/x-www-form-urlencoded') === true;
}

function joinQuery(query: string, pairs: Array<[string, string]>): string {
	const added = pairs.map(([name, value]) => `${encodeRfc3986(name)}=${encodeRfc3986(value)}`).join('&');
	return query === '' ? added : `${query}&${added}`;
}

/** Replaces the query of a pinned request's URL (`url` or the legacy `uri`). */
function setQuery(request: LooseRequest, wire: WireRequest, query: string): void {
	const key = request.url !== undefined ? 'url' : 'uri';
	request[key] = `${wire.scheme}://${wire.host}${wire.path}${query === '' ? '' : `?${query}`}`;
}

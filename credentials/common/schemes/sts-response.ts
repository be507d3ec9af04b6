import { TokenAuthError } from '../errors';
import { serverText, type TokenEndpointResponse } from '../http';
import { isRefusalStatus, parseMaybeJson, tokenEndpointFailure, type IssuedToken } from '../response';
import { isAwsKeyText } from '../signing/sigv4';
import { temporaryKeysToken } from './temporary-aws-keys';

/**
 * STS error codes that say "not now" rather than "not these credentials" (STS sends throttling
 * as HTTP 400): a short pause, not the refused login's long memory.
 */
const TRANSIENT_CODES = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'ServiceUnavailable', 'InternalFailure']);

/**
 * What STS answered to AssumeRole, in its documented XML: `AssumeRoleResponse > AssumeRoleResult
 * > Credentials` with AccessKeyId, SecretAccessKey, SessionToken and Expiration (ISO 8601), or
 * `ErrorResponse > Error` with Code and Message, which becomes the error's words (redacted).
 */
export function readAssumeRoleResponse(response: TokenEndpointResponse, secrets: string[]): IssuedToken {
	if (response.statusCode < 200 || response.statusCode > 299) throw assumeRoleFailure(response, secrets);
	const credentials = innerXml(response.body, ['AssumeRoleResponse', 'AssumeRoleResult', 'Credentials']);
	if (credentials === undefined) {
		throw new TokenAuthError('RESPONSE_REFUSED', 'The STS answer holds no AssumeRoleResponse > AssumeRoleResult > Credentials: is the STS Endpoint an STS endpoint?');
	}
	const value = (name: string) => {
		const text = textOf(credentials, [name])?.trim() ?? '';
		if (text === '' || (name !== 'Expiration' && !isAwsKeyText(text))) {
			throw new TokenAuthError('RESPONSE_REFUSED', `The STS answer's Credentials have no usable ${name}`);
		}
		return text;
	};
	const expiration = value('Expiration');
	const expiresAt = Date.parse(expiration);
	if (!Number.isFinite(expiresAt)) {
		throw new TokenAuthError('RESPONSE_REFUSED', `The STS answer's Expiration "${serverText(expiration, secrets, 40) ?? ''}" is not an ISO 8601 date`);
	}
	const keys = { accessKeyId: value('AccessKeyId'), secretAccessKey: value('SecretAccessKey'), sessionToken: value('SessionToken') };
	return { accessToken: temporaryKeysToken(keys), expiresAt };
}

/** A non-2xx answer: STS's `Code: Message` when it sent its XML, else the generic status rules. */
function assumeRoleFailure(response: TokenEndpointResponse, secrets: string[]): TokenAuthError {
	const error = innerXml(response.body, ['ErrorResponse', 'Error']);
	if (error === undefined) return tokenEndpointFailure(response.statusCode, parseMaybeJson(response.body), secrets);
	const code = serverText(textOf(error, ['Code']), secrets, 60);
	const message = serverText(textOf(error, ['Message']), secrets);
	const detail = [code, message].filter((part) => part !== undefined).join(': ');
	const words = `HTTP ${response.statusCode}${detail === '' ? '' : `: ${detail}`}`;
	if (isRefusalStatus(response.statusCode) && !TRANSIENT_CODES.has(code ?? '')) {
		return new TokenAuthError('LOGIN_REFUSED', `STS refused the AssumeRole call (${words})`);
	}
	return new TokenAuthError('ENDPOINT_FAILED', `STS failed (${words}); the AssumeRole call itself was not refused`);
}

/**
 * The raw content of nested elements, each looked for inside the previous one; undefined when one
 * is missing. A reader of STS's few elements, not of XML at large: no CDATA, comments or namespace
 * prefixes, and `indexOf` passes over a body already capped at 1 MB.
 */
export function innerXml(xml: string, names: string[]): string | undefined {
	let inner: string | undefined = xml;
	for (const name of names) {
		if (inner === undefined) return undefined;
		inner = elementText(inner, name);
	}
	return inner;
}

/** The text of nested elements with its entities decoded (`&amp;` -> `&`). */
export function textOf(xml: string, names: string[]): string | undefined {
	const inner = innerXml(xml, names);
	return inner === undefined ? undefined : decodeEntities(inner);
}

function elementText(xml: string, name: string): string | undefined {
	for (let from = 0; ; ) {
		const start = xml.indexOf(`<${name}`, from);
		if (start === -1) return undefined;
		const afterName = xml[start + name.length + 1];
		const tagEnd = xml.indexOf('>', start);
		if (tagEnd === -1) return undefined;
		if (afterName === '>' || afterName === ' ' || afterName === '\t' || afterName === '\n' || afterName === '\r' || afterName === '/') {
			if (xml[tagEnd - 1] === '/') return '';
			const close = xml.indexOf(`</${name}>`, tagEnd + 1);
			return close === -1 ? undefined : xml.slice(tagEnd + 1, close);
		}
		from = start + name.length + 1;
	}
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (whole, entity: string) => {
		if (!entity.startsWith('#')) return ENTITIES[entity];
		const codePoint = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
		return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : whole;
	});
}

import { redactSecrets } from './redact';

/** The most characters of a server's text a message carries; the rest is cut with "…". */
export const MAX_SERVER_TEXT = 200;

/**
 * Where servers put the human sentence beside an error code, most specific first: OAuth 2.0
 * (`error_description`), most JSON APIs (`message`), problem details, RFC 9457 (`detail` is about
 * this occurrence, `title` about the kind of problem).
 */
const SENTENCE_FIELDS = ['error_description', 'message', 'detail', 'title'] as const;

/**
 * `: invalid_login: Account locked` from a refusal's parsed body: the error code, then the
 * sentence the server wrote beside it, each redacted, on one line and cut; '' when there is none.
 */
export function refusalText(body: unknown, secrets: string[]): string {
	const code = refusalCode(body, secrets);
	const sentence = refusalSentence(body, secrets);
	const parts = [code, sentence === code ? undefined : sentence].filter((part): part is string => part !== undefined);
	return parts.length === 0 ? '' : `: ${parts.join(': ')}`;
}

/**
 * The human sentence of a server's error answer ("Account locked after 5 failed attempts"), for
 * a person or a model to act on; undefined when the body carries no such text. Also read inside
 * an `error` object (`{ "error": { "code", "message" } }`).
 */
export function refusalSentence(body: unknown, secrets: string[]): string | undefined {
	if (!isRecord(body)) return undefined;
	const nested = isRecord(body.error) ? body.error : {};
	for (const field of SENTENCE_FIELDS) {
		for (const source of [body, nested]) {
			const text = serverText(source[field], secrets);
			if (text !== undefined) return text;
		}
	}
	return undefined;
}

/** A server's text as a message may carry it: secrets replaced, control characters flattened, cut; undefined for anything but non-blank text. */
export function serverText(value: unknown, secrets: string[], max = MAX_SERVER_TEXT): string | undefined {
	if (typeof value !== 'string') return undefined;
	// Redact before cutting: a secret cut in half would no longer be found.
	// eslint-disable-next-line no-control-regex
	const flat = redactSecrets(value, secrets).replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
	if (flat === '') return undefined;
	if (flat.length <= max) return flat;
	// Never end on half of a surrogate pair.
	return `${flat.slice(0, max).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

function refusalCode(body: unknown, secrets: string[]): string | undefined {
	if (!isRecord(body)) return undefined;
	return serverText(body.error, secrets) ?? (isRecord(body.error) ? serverText(body.error.code, secrets) : undefined);
}

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

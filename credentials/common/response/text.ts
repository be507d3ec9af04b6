/**
 * What a token may look like to travel in an HTTP header. The bar is visible ASCII (VCHAR,
 * 0x21-0x7E, RFC 9110 section 5.5), not RFC 6750's stricter b64token: real APIs issue tokens with
 * "|" or ":" (Laravel Sanctum's "12|abc..."), which b64token would refuse although every server
 * accepts them. Whitespace and control characters (CR and LF split a header, NUL truncates it)
 * and anything beyond ASCII (a header carries bytes, not text) are refused.
 *
 * Length: Node's HTTP server refuses a request whose header section passes 16 KB by default
 * (--max-http-header-size), nginx and Apache refuse a single header line of 8 KB. A token longer
 * than 16 KB cannot reach a default-configured API at all; refusing it keeps the credential row
 * small instead of storing megabytes that every request would then carry.
 */
export const MAX_TOKEN_LENGTH = 16 * 1024;

export type TokenTextProblem =
	| { kind: 'line break' }
	| { kind: 'control character'; codePoint: string }
	| { kind: 'whitespace' }
	| { kind: 'not ASCII' }
	| { kind: 'too long'; length: number };

/** The first reason a token cannot travel in a header, or undefined when it can. */
export function findTokenTextProblem(token: string): TokenTextProblem | undefined {
	if (token.length > MAX_TOKEN_LENGTH) return { kind: 'too long', length: token.length };
	if (/[\r\n]/.test(token)) return { kind: 'line break' };
	// eslint-disable-next-line no-control-regex
	const control = /[\u0000-\u0008\u000b-\u001f\u007f]/.exec(token);
	if (control !== null) return { kind: 'control character', codePoint: codePointOf(control[0]) };
	if (/\s/.test(token)) return { kind: 'whitespace' };
	if (/[^\u0021-\u007e]/.test(token)) return { kind: 'not ASCII' };
	return undefined;
}

/** The problem in words, to follow "The token ..."; never quotes the token itself. */
export function describeTokenTextProblem(problem: TokenTextProblem): string {
	switch (problem.kind) {
		case 'too long':
			return `is ${problem.length} characters long, over the ${MAX_TOKEN_LENGTH} a token may have (no API accepts a header that long)`;
		case 'line break':
			return 'contains a line break (CR or LF), which would split the HTTP header';
		case 'control character':
			return `contains the control character ${problem.codePoint}, which an HTTP header cannot carry`;
		case 'whitespace':
			return 'contains whitespace inside it, which an HTTP header cannot carry as one token';
		case 'not ASCII':
			return 'contains characters outside printable ASCII, which an HTTP header cannot carry';
	}
}

function codePointOf(character: string): string {
	return `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

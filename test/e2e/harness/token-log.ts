// The package's token log lines (credentials/common/engine/log.ts) read back from an n8n
// process's output: one `token-auth: <event> key=value ...` line per token event.

export interface TokenLogLine {
	/** The event with its detail in brackets removed: `login`, `renewal after rejection`... */
	event: string;
	/** type, credential, host, status, duration, process. */
	fields: Record<string, string>;
	/** The line up to n8n's metadata, colours removed. */
	text: string;
}

const LINE = /token-auth: .*/g;
// event, then an optional detail in brackets (which may hold brackets), then the key=value facts.
const PARTS = /^token-auth: (.+?)(?: \((.*)\))?((?: [a-zA-Z]+=\S*)+)\s*$/;

export function tokenLogLines(output: string): TokenLogLine[] {
	const plain = output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');
	return (plain.match(LINE) ?? []).map((found) => {
		// n8n's text format prints the metadata after the message: ` { "tokenEvent": "login", ... }`.
		const text = found.replace(/ \{ ".*$/, '').trim();
		const [, event, , facts] = PARTS.exec(text) ?? [undefined, text, undefined, ''];
		const fields = Object.fromEntries(facts.trim().split(' ').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
		return { event, fields, text };
	});
}

import { createHash } from 'crypto';

import { TokenAuthError } from '../errors';
import type { WireRequest } from '../wire';

/** The values a String to Sign may name besides the request itself. */
export interface TemplateValues {
	timestamp: string;
	nonce: string;
	apiKey: string;
	recvWindow: string;
}

type Part = { literal: string } | { value: (wire: WireRequest, values: TemplateValues) => string };

const NAMED: Record<string, (wire: WireRequest, values: TemplateValues) => string> = {
	method: (wire) => wire.method,
	host: (wire) => wire.host,
	path: (wire) => wire.path,
	query: (wire) => wire.query,
	pathWithQuery: (wire) => (wire.query === '' ? wire.path : `${wire.path}?${wire.query}`),
	body: (wire) => bodyOf(wire).toString('utf8'),
	bodyHash: (wire) => createHash('sha256').update(bodyOf(wire)).digest('hex'),
	timestamp: (_wire, values) => values.timestamp,
	nonce: (_wire, values) => values.nonce,
	apiKey: (_wire, values) => values.apiKey,
	recvWindow: (_wire, values) => values.recvWindow,
};

export const TEMPLATE_PART_NAMES = [...Object.keys(NAMED), 'header:<Name>'];

/**
 * A String to Sign: text with `{part}` placeholders (`{method}`, `{path}`, `{query}`,
 * `{pathWithQuery}`, `{body}`, `{bodyHash}` (SHA-256, hex), `{timestamp}`, `{nonce}`, `{host}`,
 * `{apiKey}`, `{recvWindow}`, `{header:Name}`); `\n` is a line break. Checked when read, so an
 * unknown part is refused before anything is sent.
 */
export class StringToSign {
	private constructor(
		private readonly parts: Part[],
		readonly coversBody: boolean,
	) {}

	static parse(template: string): StringToSign {
		const parts: Part[] = [];
		let coversBody = false;
		const text = template.replace(/\\n/g, '\n').replace(/\r\n/g, '\n');
		let rest = text;
		while (rest !== '') {
			const open = rest.indexOf('{');
			if (open === -1) {
				parts.push({ literal: rest });
				break;
			}
			if (open > 0) parts.push({ literal: rest.slice(0, open) });
			const close = rest.indexOf('}', open);
			if (close === -1) throw new TokenAuthError('SETTINGS_INVALID', 'String to Sign has a { without its closing }');
			const name = rest.slice(open + 1, close).trim();
			if (name.toLowerCase().startsWith('header:')) {
				const header = name.slice('header:'.length).trim().toLowerCase();
				if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) {
					throw new TokenAuthError('SETTINGS_INVALID', `String to Sign names the header "${header}", which is not a header name`);
				}
				parts.push({ value: (wire) => headerOf(wire, header) });
			} else {
				const value = NAMED[name];
				if (value === undefined) {
					throw new TokenAuthError('SETTINGS_INVALID', `String to Sign names an unknown part {${name}}: use ${TEMPLATE_PART_NAMES.map((part) => `{${part}}`).join(', ')}`);
				}
				if (name === 'body' || name === 'bodyHash') coversBody = true;
				parts.push({ value });
			}
			rest = rest.slice(close + 1);
		}
		return new StringToSign(parts, coversBody);
	}

	render(wire: WireRequest, values: TemplateValues): string {
		return this.parts.map((part) => ('literal' in part ? part.literal : part.value(wire, values))).join('');
	}
}

/** The body's bytes, or the error a scheme that covers the body gives for a body it cannot know. */
export function bodyOf(wire: WireRequest): Buffer {
	if (wire.body.kind === 'bytes') return wire.body.bytes;
	throw new TokenAuthError(
		'REQUEST_UNSIGNABLE',
		`The signature covers the body, but a ${wire.body.why} body's bytes are not known before n8n sends it: send the body as JSON, form or raw text`,
	);
}

function headerOf(wire: WireRequest, name: string): string {
	const value = wire.headers[name];
	if (value === undefined) throw new TokenAuthError('REQUEST_UNSIGNABLE', `The String to Sign names the header "${name}", which this request does not carry`);
	return value.trim();
}

import { TokenAuthError } from '../errors';

interface ReadableBody extends AsyncIterable<unknown> {
	destroy(error?: Error): void;
}

/**
 * Reads a token endpoint's response as text, at most `maxBytes` of it after decompression. The
 * stream is destroyed (and with it the connection) the moment the limit is passed or the
 * deadline fires, so a gzip bomb or an endless response costs at most `maxBytes` of memory.
 */
export async function readBoundedBody(
	body: unknown,
	headers: Record<string, unknown> | undefined,
	maxBytes: number,
	deadline: AbortSignal,
): Promise<string> {
	if (!isStream(body)) return checkedText(body, maxBytes);
	const declared = Number(headers?.['content-length']);
	if (Number.isFinite(declared) && declared > maxBytes) {
		body.destroy();
		throw tooLarge(maxBytes);
	}
	const stop = () => body.destroy(new Error('deadline'));
	deadline.addEventListener('abort', stop, { once: true });
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of body) {
			const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
			size += bytes.length;
			if (size > maxBytes) {
				body.destroy();
				throw tooLarge(maxBytes);
			}
			chunks.push(bytes);
		}
	} finally {
		deadline.removeEventListener('abort', stop);
	}
	return Buffer.concat(chunks).toString('utf8');
}

function checkedText(body: unknown, maxBytes: number): string {
	if (body === undefined || body === null) return '';
	const text = body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : typeof body === 'string' ? body : JSON.stringify(body);
	if (Buffer.byteLength(text) > maxBytes) throw tooLarge(maxBytes);
	return text;
}

function isStream(body: unknown): body is ReadableBody {
	return (
		body !== null &&
		typeof body === 'object' &&
		typeof (body as ReadableBody).destroy === 'function' &&
		typeof (body as ReadableBody)[Symbol.asyncIterator] === 'function'
	);
}

function tooLarge(maxBytes: number): TokenAuthError {
	return new TokenAuthError('RESPONSE_REFUSED',
		`The token endpoint's answer is larger than ${sizeInWords(maxBytes)} (counted after decompression): ` +
			'a token answer is a few kilobytes, so it was not read further',
	);
}

function sizeInWords(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
	if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
	return `${bytes} bytes`;
}

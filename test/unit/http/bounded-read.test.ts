/* eslint-disable @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
import { Readable } from 'stream';

import { readBoundedBody } from '../../../credentials/common/http/bounded-read';

const never = new AbortController().signal;

describe('readBoundedBody', () => {
	it('reads a stream whole when it stays within the limit', async () => {
		await expect(readBoundedBody(Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]), {}, 100, never)).resolves.toBe('{"a":1}');
	});

	it('stops at the first chunk over the limit and destroys the stream', async () => {
		let pulled = 0;
		const stream = new Readable({
			read() {
				pulled++;
				this.push(Buffer.alloc(1000, 'a'));
			},
		});
		await expect(readBoundedBody(stream, {}, 10_000, never)).rejects.toThrow('answer is larger than 9.8 KB (counted after decompression)');
		expect(stream.destroyed).toBe(true);
		expect(pulled).toBeLessThan(20);
	});

	it('refuses without reading when Content-Length already says too much', async () => {
		const stream = Readable.from([Buffer.from('x')]);
		await expect(readBoundedBody(stream, { 'content-length': '2000000' }, 1024 * 1024, never)).rejects.toThrow(/larger than 1 MB/);
		expect(stream.destroyed).toBe(true);
	});

	it('destroys the stream when the deadline fires', async () => {
		const deadline = new AbortController();
		const stream = new Readable({ read() {} });
		stream.push('{');
		const reading = readBoundedBody(stream, {}, 100, deadline.signal);
		deadline.abort();
		await expect(reading).rejects.toThrow('deadline');
		expect(stream.destroyed).toBe(true);
	});

	it.each([
		['a string', 'abc', 'abc'],
		['a Buffer', Buffer.from('abc'), 'abc'],
		['nothing', undefined, ''],
	])('reads a body that is %s', async (_name, body, text) => {
		await expect(readBoundedBody(body, {}, 100, never)).resolves.toBe(text);
	});

	it('refuses a body that is not a stream but is over the limit', async () => {
		await expect(readBoundedBody('x'.repeat(101), {}, 100, never)).rejects.toThrow(/larger than/);
	});
});

/* eslint-disable @n8n/community-nodes/no-hardcoded-secrets -- test code, not shipped: linted by eslint.tests.config.mjs */
import { MAX_SERVER_TEXT, refusalSentence, refusalText, serverText } from '../../../credentials/common/http/refusal-text';

describe('the words of a refusal', () => {
	it.each([
		['error_description (OAuth 2.0)', { error: 'invalid_grant', error_description: 'Account locked' }, ': invalid_grant: Account locked'],
		['message', { error: 'invalid_login', message: 'Account locked' }, ': invalid_login: Account locked'],
		['detail (problem details)', { title: 'Unauthorized', detail: 'Account locked' }, ': Account locked'],
		['title (problem details)', { type: 'about:blank', title: 'Account locked' }, ': Account locked'],
		['message inside an error object', { error: { code: 'LOCKED', message: 'Account locked' } }, ': LOCKED: Account locked'],
		['error_description before message', { error: 'x', message: 'second', error_description: 'first' }, ': x: first'],
		['message before detail and title', { title: 't', detail: 'd', message: 'm' }, ': m'],
		['a code alone', { error: 'invalid_client' }, ': invalid_client'],
		['a sentence alone', { message: 'Account locked' }, ': Account locked'],
		['a sentence that repeats the code once', { error: 'Unauthorized', message: 'Unauthorized' }, ': Unauthorized'],
	])('reads the %s', (_, body, text) => {
		expect(refusalText(body, [])).toBe(text);
	});

	it.each([
		['a number', { error: 'invalid_login', message: 42 }, ': invalid_login'],
		['an array', { error: 'invalid_login', message: ['Account', 'locked'] }, ': invalid_login'],
		['an object', { error: 'invalid_login', detail: { text: 'Account locked' } }, ': invalid_login'],
		['null', { error: null, message: null }, ''],
		['blank text', { error: ' ', error_description: '\n\t' }, ''],
		['a numeric code', { error: 401 }, ''],
	])('ignores %s where text belongs', (_, body, text) => {
		expect(refusalText(body, [])).toBe(text);
	});

	it.each([
		['an HTML page', '<!doctype html><html><body><h1>Account locked</h1></body></html>'],
		['plain text', 'Account locked'],
		['a JSON array', [{ message: 'Account locked' }]],
		['nothing', undefined],
		['a number', 401],
	])('reads nothing from %s (only a JSON object carries fields)', (_, body) => {
		expect(refusalText(body, [])).toBe('');
		expect(refusalSentence(body, [])).toBeUndefined();
	});

	it('redacts a secret the server wrote back, wherever it stands', () => {
		const secrets = ['Log1n-pa55word', 'carol@example.com'];
		const body = { error: 'bad_Log1n-pa55word', message: 'Password "Log1n-pa55word" is wrong for carol@example.com' };
		const text = refusalText(body, secrets);
		expect(text).toBe(': bad_***: Password "***" is wrong for ***');
		for (const secret of secrets) expect(text).not.toContain(secret);
	});

	it('redacts before cutting, so no part of a secret at the cut survives', () => {
		const secret = 'S3cret-value-0123456789';
		const text = serverText(`${'x'.repeat(MAX_SERVER_TEXT - 5)}${secret}`, [secret]);
		expect(text).toBe(`${'x'.repeat(MAX_SERVER_TEXT - 5)}***`);
		expect(text).not.toContain('S3cr');
	});

	it('cuts a long sentence to the limit and marks the cut', () => {
		const body = { error: 'invalid_login', message: `Account locked ${'because '.repeat(200_000)}` };
		const sentence = refusalSentence(body, []) ?? '';
		expect(sentence.length).toBe(MAX_SERVER_TEXT + 1);
		expect(sentence.startsWith('Account locked because')).toBe(true);
		expect(sentence.endsWith('…')).toBe(true);
		expect(refusalText(body, []).length).toBe(': invalid_login: '.length + MAX_SERVER_TEXT + 1);
	});

	it('keeps text of exactly the limit whole', () => {
		expect(serverText('y'.repeat(MAX_SERVER_TEXT), [])).toBe('y'.repeat(MAX_SERVER_TEXT));
	});

	it('never ends a cut on half of a character outside the basic plane', () => {
		const text = serverText(`${'x'.repeat(MAX_SERVER_TEXT - 1)}🔒🔒`, []) ?? '';
		expect(text).toBe(`${'x'.repeat(MAX_SERVER_TEXT - 1)}…`);
	});

	it('puts a sentence on one line: control characters become one space', () => {
		expect(refusalSentence({ message: ' Account\r\nlocked\u0000\u001b[31m until 10:00 ' }, [])).toBe('Account locked [31m until 10:00');
	});
});

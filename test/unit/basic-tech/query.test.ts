import { buildListQuery } from '../../../nodes/BasicTech/query';
import { resolveBaseUrl } from '../../../nodes/BasicTech/base-url';
import { describeBasicError, innermostMessage, unwrapData } from '../../../nodes/BasicTech/transport';

describe('Basic list query grammar', () => {
	it.each([
		[{ field: 'status', operator: 'eq', value: 'active' }, { status: 'eq.active' }],
		[{ field: 'status', operator: 'neq', value: 'deleted' }, { status: 'neq.deleted' }],
		[{ field: 'priority', operator: 'gt', value: '3' }, { priority: 'gt.3' }],
		[{ field: 'priority', operator: 'gte', value: '3' }, { priority: 'gte.3' }],
		[{ field: 'priority', operator: 'lt', value: '3' }, { priority: 'lt.3' }],
		[{ field: 'priority', operator: 'lte', value: '3' }, { priority: 'lte.3' }],
		[{ field: 'title', operator: 'like', value: '*project*' }, { title: 'like.*project*' }],
		[{ field: 'title', operator: 'ilike', value: '*todo*' }, { title: 'ilike.*todo*' }],
		[{ field: 'tags', operator: 'in', value: 'work, important' }, { tags: 'in.work,important' }],
		[{ field: 'tags', operator: 'not', value: 'eq.work' }, { tags: 'not.eq.work' }],
	])('writes %o as %o', (filter, expected) => {
		expect(buildListQuery([filter], [])).toEqual(expected);
	});

	it('joins sort rules in order, direction defaulting to asc', () => {
		expect(
			buildListQuery([], [
				{ field: 'created_at', direction: 'desc' },
				{ field: 'name', direction: '' },
			]),
		).toEqual({ order: 'created_at.desc,name.asc' });
	});

	it.each([
		[[{ field: 'a', operator: 'eq', value: '1' }, { field: 'a', operator: 'gt', value: '0' }], /one condition per field/],
		[[{ field: '', operator: 'eq', value: '1' }], /needs a field/],
		[[{ field: 'limit', operator: 'eq', value: '1' }], /paging or order/],
		[[{ field: 'a', operator: 'between', value: '1' }], /Unknown filter operator/],
		[[{ field: 'a', operator: 'not', value: 'work' }], /condition to negate/],
		[[{ field: 'a', operator: 'not', value: 'not.eq.x' }], /condition to negate/],
	])('refuses filters Basic cannot take: %o', (filters, message) => {
		expect(() => buildListQuery(filters, [])).toThrow(message);
	});

	it('refuses a sort direction other than asc or desc', () => {
		expect(() => buildListQuery([], [{ field: 'a', direction: 'up' }])).toThrow(/asc or desc/);
	});
});

describe('server of a credential', () => {
	it.each([
		['production', '', 'https://api.basic.tech'],
		['staging', '', 'https://beta.api.basic.tech'],
		['custom', ' http://127.0.0.1:4010/// ', 'http://127.0.0.1:4010'],
		[undefined, undefined, 'https://api.basic.tech'],
	])('server %s with base URL %s calls %s', (server, base, expected) => {
		expect(resolveBaseUrl(server, base)).toBe(expected);
	});

	it('refuses a custom server without an http(s) URL', () => {
		expect(() => resolveBaseUrl('custom', 'ftp://x')).toThrow(/http/);
		expect(() => resolveBaseUrl('custom', '')).toThrow(/http/);
	});
});

describe('answers and errors from Basic', () => {
	it('unwraps { data } and passes other shapes through', () => {
		expect(unwrapData({ data: [{ id: 1 }] })).toEqual([{ id: 1 }]);
		expect(unwrapData({ id: 'u1', email: 'a@b' })).toEqual({ id: 'u1', email: 'a@b' });
	});

	it.each([
		[{ response: { status: 404, data: { error: 'not_found', message: 'Row "x" not found' } } }, 404, 'Row "x" not found'],
		[{ cause: { response: { status: 422, data: '{"message":"bad limit"}' } } }, 422, 'bad limit'],
		[{ httpCode: '401', cause: { response: { status: 401, body: { error: 'unauthorized' } } } }, 401, 'unauthorized'],
		[{ cause: { response: { status: 404, data: Buffer.from('{"error":"not_found","message":"gone"}') } } }, 404, 'gone'],
		[{ reason: { response: { status: 403, data: { message: 'other project' } } } }, 403, 'other project'],
		[{ httpCode: '404', cause: undefined, errorResponse: { response: { status: 404, data: { message: 'n8n 1.x shape' } } } }, 404, 'n8n 1.x shape'],
		[{ httpCode: '404', context: { data: { error: 'not_found', message: 'from context' } } }, 404, 'from context'],
		// @n8n/client-oauth2's AuthError (a refused refresh, n8n 1.x): a generic message, Basic's answer as `body`.
		[{ message: 'The provided authorization grant (e.g. ...) is invalid', code: 'EAUTH', body: { error: 'invalid_grant', error_description: 'Refresh token revoked' } }, undefined, 'Refresh token revoked'],
		[{ cause: { status: 502, body: '<html><body>Bad gateway</body></html>', message: 'HTTP status 502' } }, 502, '<html><body>Bad gateway</body></html>'],
		[{ message: 'socket hang up' }, undefined, undefined],
	])('reads status and message of %o', (error, status, message) => {
		expect(describeBasicError(error)).toEqual({ status, message });
	});

	it("redacts the credential's secrets from Basic's words and from n8n's", () => {
		const secrets = ['rt-Secret-0123', 'client-Secret-4567'];
		const answer = { message: 'x', body: { error: 'invalid_grant', error_description: 'Unknown refresh token rt-Secret-0123' } };
		expect(describeBasicError(answer, secrets).message).toBe('Unknown refresh token ***');
		expect(innermostMessage({ message: 'client client-Secret-4567 refused' }, secrets)).toBe('client *** refused');
	});

	it.each([
		// n8n 2.x replaces a refused refresh (AuthError) by its own error, without Basic's answer.
		[{ message: 'Generic', cause: { message: 'The credential "Basic" needs to be reconnected.' } }, 'The credential "Basic" needs to be reconnected.'],
		[{ message: 'outer', errorResponse: { message: 'n8n 1.x inner', reason: { message: ' ' } } }, 'n8n 1.x inner'],
		[{ message: 'socket hang up' }, 'socket hang up'],
		[{ message: 42 }, undefined],
		// n8n-workflow 1.x: the AuthError's message only (client-oauth2's text for invalid_grant, 260 characters), kept whole.
		[{ message: `The provided authorization grant ${'x'.repeat(220)} or was issued to another client.` }, `The provided authorization grant ${'x'.repeat(220)} or was issued to another client.`],
	])("falls back to the innermost error's words of %o", (error, message) => {
		expect(innermostMessage(error)).toBe(message);
	});
});

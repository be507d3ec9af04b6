// The HTTP Request node (4.2) as the editor saves it for one signed call: method, query parameters
// set in the UI, a JSON, form or raw body, Retry On Fail, Pagination; what the signing lab checks byte
// by byte.
import type { CredentialFixture } from './cli';
import { httpWorkflow, type WorkflowFixture } from './workflows';

export type SignedBody = { json: string } | { form: Record<string, string> } | { raw: string; contentType: string };

export interface SignedCall {
	credential: CredentialFixture;
	method: 'GET' | 'POST' | 'PUT';
	url: string;
	query?: Record<string, string>;
	body?: SignedBody;
	retry?: boolean;
	items?: number;
	/** The node's Pagination option: this many pages, each with `name` set to its number (1, 2, ...) in the query or the body. */
	pages?: { count: number; name: string; in: 'qs' | 'body' };
	/** The workflow's name (a generated one when absent). */
	name?: string;
}

export function signedWorkflow(call: SignedCall): WorkflowFixture {
	const workflow = httpWorkflow({
		name: call.name,
		url: call.url,
		credentialType: call.credential.type,
		credentialId: call.credential.id,
		credentialName: call.credential.name,
		items: call.items ?? 1,
	});
	const node = workflow.nodes[2] as { parameters: Record<string, unknown> } & Record<string, unknown>;
	node.parameters.method = call.method;
	if (call.query !== undefined) {
		Object.assign(node.parameters, { sendQuery: true, specifyQuery: 'keypair', queryParameters: { parameters: Object.entries(call.query).map(([name, value]) => ({ name, value })) } });
	}
	const body = call.body;
	if (body !== undefined && 'json' in body) Object.assign(node.parameters, { sendBody: true, contentType: 'json', specifyBody: 'json', jsonBody: body.json });
	if (body !== undefined && 'form' in body) {
		Object.assign(node.parameters, { sendBody: true, contentType: 'form-urlencoded', bodyParameters: { parameters: Object.entries(body.form).map(([name, value]) => ({ name, value })) } });
	}
	if (body !== undefined && 'raw' in body) Object.assign(node.parameters, { sendBody: true, contentType: 'raw', rawContentType: body.contentType, body: body.raw });
	if (call.retry === true) Object.assign(node, { retryOnFail: true, maxTries: 2, waitBetweenTries: 0 });
	if (call.pages !== undefined) node.parameters.options = { pagination: paginationOption(call.pages) };
	return workflow;
}

/** "Update a Parameter in Each Request", as the editor saves it; the lab's answers are never empty, so the page limit ends it. */
export function paginationOption(pages: NonNullable<SignedCall['pages']>): Record<string, unknown> {
	return {
		pagination: {
			paginationMode: 'updateAParameterInEachRequest',
			parameters: { parameters: [{ type: pages.in, name: pages.name, value: '={{ $pageCount + 1 }}' }] },
			limitPagesFetched: true,
			maxRequests: pages.count,
		},
	};
}

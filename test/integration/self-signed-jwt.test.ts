import { SelfSignedJwtApi } from '../../credentials/SelfSignedJwtApi.credentials';
import { startSelfSignedJwtLab, type LabRoute, type SelfSignedJwtLab } from '../servers/self-signed-jwt-lab';
import { selfSignedFields } from '../support/self-signed-fields';
import { sleep } from '../support/sleep';
import { failureOf, n8nRequester, StoredCredential } from './support/n8n-request-harness';

let lab: SelfSignedJwtLab;
beforeAll(async () => {
	lab = await startSelfSignedJwtLab();
});
afterAll(async () => await lab.close());
beforeEach(() => lab.reset());

const requester = (fields: Record<string, unknown>) => n8nRequester(new SelfSignedJwtApi(), new StoredCredential(fields as never));
const distinct = (route: LabRoute) => new Set(lab.accepted(route).map((record) => record.jwt)).size;
/** Requests whose JWT has the same iat as the request before: the same text for a deterministic signature. */
const countRepeats = (route: LabRoute) => lab.accepted(route).filter((record, i, all) => i > 0 && record.payload?.iat === all[i - 1].payload?.iat).length;

describe('Self-Signed JWT API through n8n-core\'s request helpers, verified by the lab with jose', () => {
	it.each(['hs256', 'query', 'header', 'coinbase', 'ghost', 'apple', 'google', 'atlassian'] as const)(
		'%s: the HTTP Request node\'s path and other nodes\' path each send a JWT the server accepts, a new one per request',
		async (route) => {
			const n8n = requester(selfSignedFields(lab)[route]);
			await n8n.legacyRequest({ uri: `${lab.url}/${route}/items?page=1`, qs: { size: 2 } });
			await n8n.legacyRequest({ uri: `${lab.url}/${route}/items`, method: 'POST', body: { a: 1 } });
			await n8n.httpRequest({ url: `/${route}/items`, baseURL: lab.url, method: 'DELETE', qs: { id: 3 } });
			expect(lab.refused(route)).toEqual([]);
			expect(lab.accepted(route)).toHaveLength(3);
			// Ghost's and Google's documented claims hold nothing per request (no jti, iat in whole
			// seconds) and HS256/RS256 are deterministic: within one second the new JWT is the same text.
			expect(distinct(route)).toBe(route === 'ghost' || route === 'google' ? lab.accepted(route).length - countRepeats(route) : 3);
		},
	);

	it('Coinbase: uri names the method, Host and path of the raw request line, the query left out', async () => {
		await requester(selfSignedFields(lab).coinbase).legacyRequest({ uri: `${lab.url}/coinbase/api/v3/orders?limit=5`, method: 'PUT', qs: { cursor: 'x y' }, body: {} });
		const [record] = lab.accepted('coinbase');
		expect(record.target).toBe('/coinbase/api/v3/orders?limit=5&cursor=x%20y');
		expect(record.payload?.uri).toBe(`PUT ${record.host}/coinbase/api/v3/orders`);
	});

	it('the server refuses a replayed JWT (jti seen before): a JWT is not accepted twice', async () => {
		await requester(selfSignedFields(lab).hs256).legacyRequest({ uri: `${lab.url}/hs256/one` });
		const [first] = lab.accepted('hs256');
		const replay = await fetch(`${lab.url}/hs256/one`, { headers: { authorization: `Bearer ${first.jwt}` } });
		expect(replay.status).toBe(401);
		expect(lab.refused('hs256').map((record) => record.reason)).toEqual(['jti replayed']);
	});

	it('the server refuses a JWT bound to another request (Coinbase uri)', async () => {
		await requester(selfSignedFields(lab).coinbase).legacyRequest({ uri: `${lab.url}/coinbase/a` });
		const [first] = lab.accepted('coinbase');
		const elsewhere = await fetch(`${lab.url}/coinbase/b`, { headers: { authorization: `Bearer ${first.jwt}` } });
		expect(elsewhere.status).toBe(401);
		expect(lab.refused('coinbase')[0].reason).toMatch(/^uri GET .*\/coinbase\/a is not the request line's GET .*\/coinbase\/b$/);
	});

	it('Atlassian Connect: qsh covers the query as sent (repeated names, spaces), and a JWT for another query is refused', async () => {
		await requester(selfSignedFields(lab).atlassian).legacyRequest({ uri: `${lab.url}/atlassian/rest/api/3/search?expand=names&expand=schema`, qs: { jql: 'project = DEMO' } });
		const [first] = lab.accepted('atlassian');
		expect(first.target).toBe('/atlassian/rest/api/3/search?expand=names&expand=schema&jql=project%20%3D%20DEMO');
		const elsewhere = await fetch(`${lab.url}/atlassian/rest/api/3/search?jql=project%20%3D%20OPS`, { headers: { authorization: `JWT ${first.jwt}` } });
		expect(elsewhere.status).toBe(401);
		expect(lab.refused('atlassian')[0].reason).toMatch(/^qsh [0-9a-f]{64} is not atlassian-jwt's [0-9a-f]{64} for GET/);
	});

	it.each(['apple', 'ghost', 'google'] as const)('%s with JWT Reuse: one JWT across requests, also after the second changed', async (route) => {
		const n8n = requester({ ...selfSignedFields(lab)[route], jwtReuse: 'reuseUntilExpiry' });
		await n8n.legacyRequest({ uri: `${lab.url}/${route}/items/1` });
		// A new JWT would now carry another iat (Ghost and Google sign deterministically).
		await sleep(1000 - (Date.now() % 1000) + 10);
		for (const item of [2, 3]) await n8n.legacyRequest({ uri: `${lab.url}/${route}/items/${item}` });
		expect(lab.accepted(route)).toHaveLength(3);
		expect(distinct(route)).toBe(1);
	});

	it.each([
		['a secret too short for the algorithm', { signingAlgorithm: 'HS512' }, 'HS512 needs at least 64 bytes'],
		['claims that are not a JSON object', { extraClaims: '"scope"' }, 'Extra Claims must be a JSON object'],
		['a key that does not fit the algorithm', { signingAlgorithm: 'RS256', privateKey: 'x' }, 'Private Key is not a PEM key'],
	])('fails before anything is sent with %s, the secret in no message', async (_name, overrides, message) => {
		const fields = { ...selfSignedFields(lab).hs256, ...overrides };
		const text = await failureOf(requester(fields).legacyRequest({ uri: `${lab.url}/hs256/x` }));
		expect(text).toContain(message);
		expect(text).not.toContain(lab.keys.hs256Secret);
		expect(lab.seen).toEqual([]);
	});
});

// Self-Signed JWT API in real n8n, both lines: the HTTP Request node signs a JWT for each item and
// each page (or reuses one), and the self-signed JWT lab verifies every JWT with jose: signature, claims, replays
// (jti, Coinbase's nonce) and Coinbase's uri against the raw request line.
import { startSelfSignedJwtLab } from '../servers/self-signed-jwt-lab';
import { selfSignedFields, type SelfSignedFields } from '../support/self-signed-fields';
import { errorText, nodeItems, type CredentialFixture } from './harness/cli';
import { paginationOption } from './harness/signed-workflow';
import { selfSignedCredential } from './harness/signing-credentials';
import { useN8nSpec } from './harness/spec-setup';
import { HTTP_NODE, httpWorkflow, type WorkflowFixture } from './harness/workflows';

const ITEMS = 3;

describe('Self-Signed JWT API in real n8n', () => {
	const flows: Record<'perRequest' | 'reuse' | 'query' | 'coinbase' | 'coinbasePages' | 'atlassian' | 'badSecret', WorkflowFixture> = {} as never;

	const { n8n, lab, editor } = useN8nSpec('self-signed-jwt', {
		servers: { lab: startSelfSignedJwtLab },
		editor: true,
		fixtures: ({ lab }) => {
			const fields = selfSignedFields(lab);
			const cases: Record<keyof typeof flows, { fields: SelfSignedFields; url: string; items?: number; options?: Record<string, unknown> }> = {
				perRequest: { fields: fields.hs256, url: `=${lab.url}/hs256/items/{{ $json.i }}` },
				reuse: { fields: { ...fields.apple, jwtReuse: 'reuseUntilExpiry' }, url: `=${lab.url}/apple/items/{{ $json.i }}` },
				query: { fields: fields.query, url: `=${lab.url}/query/items?item={{ $json.i }}` },
				coinbase: { fields: fields.coinbase, url: `=${lab.url}/coinbase/api/v3/items/{{ $json.i }}?limit=5` },
				coinbasePages: { fields: fields.coinbase, url: `${lab.url}/coinbase/api/v3/orders?limit=5`, items: 1, options: { pagination: paginationOption({ count: 3, name: 'cursor', in: 'qs' }) } },
				atlassian: { fields: fields.atlassian, url: `=${lab.url}/atlassian/rest/api/3/search?jql=project = DEMO AND id > {{ $json.i }}&expand=names&expand=schema` },
				badSecret: { fields: { ...fields.hs256, signingAlgorithm: 'HS512' }, url: `=${lab.url}/hs256/bad/{{ $json.i }}` },
			};
			const credentials: CredentialFixture[] = [];
			for (const [key, { fields: data, url, ...rest }] of Object.entries(cases)) {
				const credential = selfSignedCredential(data);
				credentials.push(credential);
				flows[key as keyof typeof flows] = httpWorkflow({ url, credentialType: 'selfSignedJwtApi', credentialId: credential.id, credentialName: credential.name, items: rest.items ?? ITEMS, options: rest.options });
			}
			return { credentials, workflows: Object.values(flows) };
		},
	});

	beforeEach(() => lab.reset());

	it('a new JWT for every item: three items, three distinct JWTs, each verified (signature, iss, aud, jti not replayed)', async () => {
		const result = await n8n.execute(flows.perRequest.id);
		expect(result.ok).toBe(true);
		expect(nodeItems(result.run, HTTP_NODE)).toHaveLength(ITEMS);
		expect(lab.refused('hs256')).toEqual([]);
		const accepted = lab.accepted('hs256');
		expect(accepted.map((record) => record.target).sort()).toEqual(['/hs256/items/0', '/hs256/items/1', '/hs256/items/2']);
		expect(new Set(accepted.map((record) => record.jwt)).size).toBe(ITEMS);
		expect(new Set(accepted.map((record) => record.payload?.jti)).size).toBe(ITEMS);
	});

	it('JWT Reuse (App Store Connect preset): one JWT across the items, ES256 verified with kid, iss and aud', async () => {
		const result = await n8n.execute(flows.reuse.id);
		expect(result.ok).toBe(true);
		const accepted = lab.accepted('apple');
		expect(accepted).toHaveLength(ITEMS);
		expect(new Set(accepted.map((record) => record.jwt)).size).toBe(1);
		expect(accepted[0].payload).toMatchObject({ aud: 'appstoreconnect-v1', iss: lab.keys.appleIssuer });
		expect(accepted[0].header).toMatchObject({ alg: 'ES256', kid: lab.keys.appleKeyId });
	});

	it('Send Token As Query Parameter: the JWT in ?jwt= beside the item\'s own parameter', async () => {
		const result = await n8n.execute(flows.query.id);
		expect(result.ok).toBe(true);
		const accepted = lab.accepted('query');
		expect(accepted).toHaveLength(ITEMS);
		for (const record of accepted) expect(record.target).toMatch(/^\/query\/items\?item=\d&jwt=eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
	});

	it('Coinbase preset: each JWT bound to its request, uri checked by the server against the raw request line', async () => {
		const result = await n8n.execute(flows.coinbase.id);
		expect(result.ok).toBe(true);
		expect(lab.refused('coinbase')).toEqual([]);
		const accepted = lab.accepted('coinbase');
		expect(accepted.map((record) => record.payload?.uri).sort()).toEqual(
			[0, 1, 2].map((i) => `GET ${accepted[0].host}/coinbase/api/v3/items/${i}`),
		);
		expect(new Set(accepted.map((record) => record.header?.nonce)).size).toBe(ITEMS);
	});

	it('Coinbase preset with Pagination: each page its own JWT (its own nonce), bound to the page\'s request', async () => {
		const result = await n8n.execute(flows.coinbasePages.id);
		expect(result.ok).toBe(true);
		expect(lab.refused('coinbase')).toEqual([]);
		const accepted = lab.accepted('coinbase');
		expect(accepted.map((record) => record.target)).toEqual([1, 2, 3].map((page) => `/coinbase/api/v3/orders?limit=5&cursor=${page}`));
		for (const record of accepted) expect(record.payload?.uri).toBe(`GET ${record.host}/coinbase/api/v3/orders`);
		expect(new Set(accepted.map((record) => record.header?.nonce)).size).toBe(3);
	});

	it('Atlassian Connect preset (the installation payload as Key File): each item its own qsh, checked by the server with atlassian-jwt', async () => {
		const result = await n8n.execute(flows.atlassian.id);
		expect(result.ok).toBe(true);
		expect(lab.refused('atlassian')).toEqual([]);
		const accepted = lab.accepted('atlassian');
		expect(accepted).toHaveLength(ITEMS);
		for (const record of accepted) expect(record.target).toMatch(/^\/atlassian\/rest\/api\/3\/search\?jql=project.+DEMO.+[012]&expand=names&expand=schema$/);
		expect(new Set(accepted.map((record) => record.payload?.qsh)).size).toBe(ITEMS);
	});

	it('wrong settings fail before any request, and no output holds the secret', async () => {
		const result = await n8n.execute(flows.badSecret.id);
		expect(result.ok).toBe(false);
		expect(errorText(result.run)).toContain('HS512 needs at least 64 bytes');
		expect(lab.seen).toEqual([]);
		expect(`${result.stdout}${result.stderr}`).not.toContain(lab.keys.hs256Secret);
	});

	it('the editor\'s Test sends a GET with a signed JWT to the Test URL: accepted, and a key that does not fit is refused without it', async () => {
		const good = selfSignedCredential({ ...selfSignedFields(lab).coinbase, testUrl: `${lab.url}/coinbase/v2/user` });
		const goodId = await editor.createCredential(good.name, good.type, good.data);
		expect(await editor.testCredential(goodId, good.name, good.type, good.data)).toEqual(expect.objectContaining({ status: 'OK' }));
		expect(lab.accepted('coinbase').map((record) => [record.method, record.target, record.payload?.uri])).toEqual([
			['GET', '/coinbase/v2/user', `GET ${lab.accepted('coinbase')[0].host}/coinbase/v2/user`],
		]);
		lab.reset();
		const wrong = selfSignedCredential({ ...selfSignedFields(lab).query, signingAlgorithm: 'ES384', testUrl: `${lab.url}/query/me` });
		const wrongId = await editor.createCredential(wrong.name, wrong.type, wrong.data);
		const result = await editor.testCredential(wrongId, wrong.name, wrong.type, wrong.data);
		expect(result.status).toBe('Error');
		expect(result.message).toContain('ES384 needs an EC key on curve P-384');
		expect(JSON.stringify(result)).not.toContain(lab.keys.es256Pem.split('\n')[1]);
		expect(lab.seen).toEqual([]);
	});
});

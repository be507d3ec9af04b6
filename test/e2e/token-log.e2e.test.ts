// The token log in real n8n: the package writes through n8n's LoggerProxy, so N8N_LOG_LEVEL
// decides what shows. Runs on one n8n at debug: a login; a renewal after the API rejected the
// token; the endpoint refusing the login. Then the refusal again on the run's shared n8n, at n8n's
// default level, info (another process: the refusal the first one remembered is not known there,
// so it logs in and is refused).
import { startTokenLab } from '../servers/token-lab';
import { basicToBearerCredential } from './harness/lab-credentials';
import { useN8nSpec, useSharedN8n, type Fixtures } from './harness/spec-setup';
import { tokenLogLines } from './harness/token-log';
import { httpWorkflow } from './harness/workflows';

describe('token log through n8n\'s logger', () => {
	/** Two credentials of the lab, with settings of their own (one process holds a token per settings). */
	const workflowIds = { renewed: '', refused: '' };
	/** The refused credential and its workflow, saved on the shared n8n too for the run at info. */
	const info: Fixtures = {};
	/** What the shared n8n printed during the run at info. */
	let infoOutput = '';
	const { n8n, lab } = useN8nSpec('token-log', {
		env: { N8N_LOG_LEVEL: 'debug' },
		servers: { lab: startTokenLab },
		fixtures: ({ lab }) => {
			// The refused login needs a token not got by a renewal after a rejection moments before
			// (the engine does not renew such a token again): its own credential.
			const renewed = basicToBearerCredential(lab);
			const refused = basicToBearerCredential(lab, { accessTokenUrl: `${lab.basicTokenUrl}?use=refused` });
			const workflows = [renewed, refused].map((credential) => httpWorkflow({ url: lab.apiUrl, credentialType: credential.type, credentialId: credential.id, credentialName: credential.name }));
			[workflowIds.renewed, workflowIds.refused] = workflows.map((workflow) => workflow.id);
			Object.assign(info, { credentials: [refused], workflows: [workflows[1]] });
			return { credentials: [renewed, refused], workflows };
		},
	});
	/** The run's shared n8n, at n8n's default level, info. */
	const atInfo = useSharedN8n('token-log-info', () => info);

	/** One run on the spec's n8n at debug; its token lines in order. */
	async function runAtDebug(workflowId: string): Promise<string[]> {
		const result = await n8n.execute(workflowId);
		return tokenLogLines(result.stdout).map((line) => line.text);
	}

	it('debug: a first run logs in', async () => {
		const lines = await runAtDebug(workflowIds.renewed);
		expect(lines).toEqual([expect.stringMatching(/^token-auth: login type=basicToBearerApi credential=[0-9a-f]{10} host=127\.0\.0\.1:\d+ status=200 duration=\d+ms process=[0-9a-f]{8}/)]);
		expect(lab.counts.basicTokenCalls).toBe(1);
	});

	it('debug: a rejected stored token is renewed, and the line says why', async () => {
		lab.revokeAllTokens();
		const lines = await runAtDebug(workflowIds.renewed);
		expect(lines.map((line) => line.replace(/ \(.*?\)/, '').split(' type=')[0])).toEqual([
			'token-auth: renewal after rejection',
			'token-auth: login',
		]);
		expect(lines[1]).toMatch(/status=200/);
		expect(lab.counts.basicTokenCalls).toBe(2);
	});

	it('debug: a refused login is a warning that says it is remembered', async () => {
		expect(await runAtDebug(workflowIds.refused)).toEqual([expect.stringMatching(/^token-auth: login type=basicToBearerApi .* status=200 /)]);
		lab.revokeAllTokens();
		lab.set({ password: 'changed-on-the-server' });
		const lines = await runAtDebug(workflowIds.refused);
		expect(lines.map((line) => line.replace(/ \(.*?\) /, ' ').split(' type=')[0])).toEqual([
			'token-auth: renewal after rejection',
			'token-auth: login refused',
		]);
		expect(lines[1]).toMatch(/refused the login \(HTTP 401.*remembered: no new login with these settings for 5 min.* status=401 /);
	});

	it('info: only the failure shows', async () => {
		// Other specs' runs print on the shared n8n meanwhile: only this lab's lines count.
		infoOutput = (await atInfo.execute(workflowIds.refused)).stdout;
		const host = new URL(lab.url).host;
		const lines = tokenLogLines(infoOutput).filter((line) => line.fields.host === host).map((line) => line.text);
		expect(lines).toEqual([expect.stringMatching(/^token-auth: login refused .* status=401 /)]);
	});

	it('no secret of the test in any output, not even a part of one', () => {
		const everything = [n8n.current()?.log() ?? '', infoOutput].join('\n');
		expect(tokenLogLines(everything).length).toBeGreaterThanOrEqual(7);
		const secrets = [
			lab.settings.password,
			'wonderland-Pa55',
			Buffer.from(`alice:wonderland-Pa55`).toString('base64'),
			...lab.apiAuthorizations.map((header) => header.replace(/^Bearer /, '')).filter((token) => token !== ''),
		];
		for (const secret of secrets) {
			expect(everything).not.toContain(secret);
			expect(everything).not.toContain(secret.slice(0, 8));
		}
	});
});

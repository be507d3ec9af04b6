// The token log in real n8n: the package writes through n8n's LoggerProxy, so N8N_LOG_LEVEL
// decides what shows. One credential, three runs at debug (login; renewal after the API rejected
// the token; the endpoint refusing the login), then the refusal again at info.
import { startTokenLab, type TokenLab } from '../servers/token-lab';
import { createInstance, type N8nInstance } from './harness/instance';
import { basicToBearerCredential } from './harness/lab-credentials';
import { tokenLogLines } from './harness/token-log';
import { httpWorkflow } from './harness/workflows';

describe('token log through n8n\'s logger', () => {
	let n8n: N8nInstance;
	let lab: TokenLab;
	let workflowId: string;
	const outputs: string[] = [];

	beforeAll(async () => {
		lab = await startTokenLab();
		n8n = createInstance('token-log');
		const credential = basicToBearerCredential(lab);
		const workflow = httpWorkflow({ url: lab.apiUrl, credentialType: credential.type, credentialId: credential.id, credentialName: credential.name });
		workflowId = await n8n.load(workflow, [credential]);
	});
	afterAll(async () => {
		await lab?.close();
		n8n?.cleanup();
	});

	/** One `n8n execute` at this log level; its token lines in order. */
	async function runAt(level: 'debug' | 'info'): Promise<string[]> {
		const result = await n8n.cli.run(['execute', `--id=${workflowId}`], 180_000, { N8N_LOG_LEVEL: level });
		const output = `${result.stdout}\n${result.stderr}`;
		outputs.push(output);
		return tokenLogLines(output).map((line) => line.text);
	}

	it('debug: a first run logs in', async () => {
		const lines = await runAt('debug');
		expect(lines).toEqual([expect.stringMatching(/^token-auth: login type=basicToBearerApi credential=[0-9a-f]{10} host=127\.0\.0\.1:\d+ status=200 duration=\d+ms process=[0-9a-f]{8}/)]);
		expect(lab.counts.basicTokenCalls).toBe(1);
	});

	it('debug: a rejected stored token is renewed, and the line says why', async () => {
		lab.revokeAllTokens();
		const lines = await runAt('debug');
		expect(lines.map((line) => line.replace(/ \(.*?\)/, '').split(' type=')[0])).toEqual([
			'token-auth: renewal after rejection',
			'token-auth: login',
		]);
		expect(lines[1]).toMatch(/status=200/);
		expect(lab.counts.basicTokenCalls).toBe(2);
	});

	it('debug: a refused login is a warning that says it is remembered', async () => {
		lab.revokeAllTokens();
		lab.set({ password: 'changed-on-the-server' });
		const lines = await runAt('debug');
		expect(lines.map((line) => line.replace(/ \(.*?\) /, ' ').split(' type=')[0])).toEqual([
			'token-auth: renewal after rejection',
			'token-auth: login refused',
		]);
		expect(lines[1]).toMatch(/refused the login \(HTTP 401.*remembered: no new login with these settings for 5 min.* status=401 /);
	});

	it('info: only the failure shows', async () => {
		const lines = await runAt('info');
		expect(lines).toEqual([expect.stringMatching(/^token-auth: login refused .* status=401 /)]);
	});

	it('no secret of the test in any output, not even a part of one', () => {
		const everything = outputs.join('\n');
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

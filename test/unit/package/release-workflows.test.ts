/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// The GitHub workflows cannot run here; these tests read them and check the steps n8n's
// verification and the README rely on, and that a bare `npm publish` is refused.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(__dirname, '../../..');

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
	env?: Record<string, unknown>;
}
interface Workflow {
	on: Record<string, { branches?: string[]; tags?: string[] } | null>;
	permissions?: Record<string, string>;
	jobs: Record<string, { steps: Step[]; permissions?: Record<string, string> }>;
}

const workflow = (name: string): Workflow => parse(readFileSync(join(root, '.github/workflows', name), 'utf8')) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((job) => job.steps);
const runs = (w: Workflow) => steps(w).map((step) => step.run ?? '');
/** Index of the first step whose command matches, -1 when none does. */
const stepIndex = (w: Workflow, pattern: RegExp) => runs(w).findIndex((run) => pattern.test(run));

describe('CI workflow', () => {
	const ci = workflow('ci.yml');

	it('runs on pushes to main and on pull requests', () => {
		expect(ci.on.push?.branches).toContain('main');
		expect(Object.keys(ci.on)).toContain('pull_request');
	});

	it('checks out, installs from the lock, builds, lints and runs the demo and the tests, in that order', () => {
		expect(steps(ci)[0].uses).toMatch(/^actions\/checkout@/);
		const order = [/install-deps\.sh|npm ci/, /npm run build/, /npm run lint/, /\.ci\/run/].map((p) => stepIndex(ci, p));
		expect(order.every((i) => i >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
	});
});

describe('publish workflow', () => {
	const publish = workflow('publish.yml');
	const text = readFileSync(join(root, '.github/workflows/publish.yml'), 'utf8');

	it('runs on version tags only', () => {
		expect(Object.keys(publish.on)).toEqual(['push']);
		expect(publish.on.push?.tags).toEqual(['v*']);
		expect(publish.on.push?.branches).toBeUndefined();
	});

	it('publishes with provenance through OIDC, with no npm token in the repository', () => {
		expect(publish.permissions).toMatchObject({ 'id-token': 'write', contents: 'read' });
		expect(runs(publish).some((run) => /npm publish\b.*--provenance/.test(run))).toBe(true);
		expect(text).not.toMatch(/NPM_TOKEN|NODE_AUTH_TOKEN|secrets\./);
	});

	it('installs, builds, lints and tests before it publishes, and checks the tag against the version', () => {
		const publishAt = stepIndex(publish, /npm publish/);
		for (const pattern of [/install-deps\.sh|npm ci/, /npm run build/, /npm run lint/, /jest|npm test/, /GITHUB_REF_NAME.*version/]) {
			const at = stepIndex(publish, pattern);
			expect([pattern.source, at >= 0 && at < publishAt]).toEqual([pattern.source, true]);
		}
	});
});

describe('prepublishOnly', () => {
	it('refuses a bare npm publish outside the publish workflow', () => {
		const env = { ...process.env, GITHUB_ACTIONS: undefined, npm_config_provenance: undefined };
		const run = spawnSync('npm', ['publish', '--dry-run', '--cache', join(root, '.cache/npm')], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
		expect(run.status).not.toBe(0);
		expect(run.stderr).toContain('prepublishOnly: refused');
		expect(run.stderr).toContain('publish.yml');
	});
});

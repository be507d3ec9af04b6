/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// What n8n's verification guidelines ask of the package that a tool can check: the manifest,
// the licence, the publish workflow and the Cloud-support settings. What only a reviewer can
// judge is listed in CONTRIBUTING.md ("Ready for n8n's verification").
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** The credential types, as users know them (package.json registers one file each). */
const credentialTypes = [
	'Basic to Bearer',
	'OAuth2 Password Grant',
	'Token Login API',
	'OAuth2 Client Credentials',
	'OAuth2 JWT Bearer',
	'Bearer Token',
	'Basic (basic.tech)',
	'Self-Signed JWT',
	'HMAC Signature',
	'AWS Signature V4',
	'AWS Signature V4 (Assume Role)',
];

describe('package.json as n8n verifies it', () => {
	it('has no runtime dependencies (nothing installed beside the package)', () => {
		for (const field of ['dependencies', 'bundledDependencies', 'bundleDependencies', 'optionalDependencies']) {
			expect(manifest[field] ?? {}).toEqual({});
		}
	});

	it('is MIT licensed, in package.json and in LICENSE', () => {
		expect(manifest.license).toBe('MIT');
		expect(readFileSync(join(root, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
	});

	it('names every credential type in its description', () => {
		for (const type of credentialTypes) expect(manifest.description).toContain(type);
		expect(manifest.n8n.credentials).toHaveLength(credentialTypes.length);
	});

	it('carries the keyword n8n lists community packages by', () => {
		expect(manifest.keywords).toContain('n8n-community-node-package');
	});

	it('declares n8n-workflow as its only peer, optional, so npm never installs a second copy beside n8n', () => {
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifest.peerDependenciesMeta).toEqual({ 'n8n-workflow': { optional: true } });
	});

	it('ships only dist/ and names a public repository', () => {
		expect(manifest.files).toEqual(['dist']);
		expect(manifest.repository.url).toMatch(/^https:\/\/github\.com\/.+\.git$/);
	});

	it('publishes through the provenance workflow', () => {
		expect(existsSync(join(root, '.github/workflows/publish.yml'))).toBe(true);
	});

	it('is set up for n8n Cloud: strict mode and the default ESLint config of @n8n/node-cli, unchanged', () => {
		expect(manifest.n8n.strict).toBe(true);
		const template = join(root, 'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs');
		const normalised = (file: string) => readFileSync(file, 'utf8').replace(/\s+/g, ' ').trim();
		expect(normalised(join(root, 'eslint.config.mjs'))).toBe(normalised(template));
	});

	it('runs the Cloud-support check, the strict lint, the tests lint and the scanner in npm run lint', () => {
		for (const step of ['n8n-node lint', 'lint:tests', 'cloud-support-check.sh', 'scan-package.mjs']) {
			expect(manifest.scripts.lint).toContain(step);
		}
	});
});

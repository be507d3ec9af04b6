// End-to-end suite: the packed package inside a real n8n (see test/e2e/run.sh).
// N8N_LINE=2 (n8n 2.41.1, Node 24) or N8N_LINE=1 (n8n 1.123.81, Node 20).
module.exports = {
	rootDir: '../..',
	// tsconfig.json's isolatedModules makes ts-jest transpile only: the types of tests and harness
	// are checked once by `npm run lint:types` (tsc), not again in every jest worker.
	preset: 'ts-jest',
	// Node's environment, printing what n8n said in each workflow run of a failed test.
	testEnvironment: '<rootDir>/test/e2e/harness/report-failures-environment.ts',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	globalSetup: '<rootDir>/test/e2e/harness/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/harness/global-teardown.ts',
	testTimeout: 240000,
	// Each spec file runs n8n processes of its own; two at a time fits CI's two cores.
	maxWorkers: 2,
	verbose: true,
};

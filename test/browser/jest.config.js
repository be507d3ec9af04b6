// Browser test (see test/browser/run.sh): real n8n 2.41.1, Debian's chromium, the Basic emulator.
module.exports = {
	rootDir: '../..',
	// tsconfig.json's isolatedModules makes ts-jest transpile only: the types of tests and harness
	// are checked once by `npm run lint:types` (tsc), not again in every jest worker.
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/browser'],
	testMatch: ['**/*.browser.test.ts'],
	// The e2e suite's: the package packed, a migrated database, one shared `n8n start` both specs use.
	globalSetup: '<rootDir>/test/e2e/harness/global-setup.ts',
	globalTeardown: '<rootDir>/test/e2e/harness/global-teardown.ts',
	testTimeout: 300000,
	maxWorkers: 1,
	verbose: true,
};

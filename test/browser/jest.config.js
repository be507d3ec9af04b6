// Browser test (see test/browser/run.sh): real n8n 2.41.1, Debian's chromium, the Basic emulator.
module.exports = {
	rootDir: '../..',
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/browser'],
	testMatch: ['**/*.browser.test.ts'],
	globalSetup: '<rootDir>/test/e2e/harness/global-setup.ts',
	testTimeout: 300000,
	maxWorkers: 1,
	verbose: true,
};

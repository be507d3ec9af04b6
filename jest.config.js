// Unit and integration tests. The end-to-end suite (real n8n) has its own config: test/e2e/jest.config.js.
module.exports = {
	// tsconfig.json's isolatedModules makes ts-jest transpile only: the types of tests and harness
	// are checked once by `npm run lint:types` (tsc), not again in every jest worker.
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/unit', '<rootDir>/test/integration'],
	testTimeout: 20000,
	// Three at a time on CI's two cores: the longest integration files mostly wait on their servers
	// (hostile's 15 s deadlines, lifetimes), so a third worker fills the time they leave idle.
	maxWorkers: 3,
};

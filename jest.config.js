// Unit and integration tests. The end-to-end suite (real n8n) has its own config: test/e2e/jest.config.js.
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/unit', '<rootDir>/test/integration'],
	testTimeout: 20000,
};

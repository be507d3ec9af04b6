import { config } from '@n8n/node-cli/eslint';

export default [
	...config,
	{ ignores: ['test/**', 'scripts/**', 'gulpfile.js', 'jest.config.js', '.cache/**'] },
];

// ESLint for the tests and scripts: `npm run lint:tests`. The root eslint.config.mjs must stay
// n8n's default, byte for byte (n8n's Cloud verification checks it), and lints every file with the
// rules for shipped package code; a test or script file names in its first line the ones of those
// it breaks (Node globals and imports, console...), which this config switches off for tests and
// scripts. Here they keep n8n's TypeScript rules, and the JavaScript files get ESLint's.
import js from '@eslint/js';
import { config } from '@n8n/node-cli/eslint';
import globals from 'globals';

/** n8n's rules for code that runs inside n8n; tests and scripts run in Node and jest. */
export const packageCodeOnly = [
	'no-console',
	'@n8n/community-nodes/no-restricted-globals',
	'@n8n/community-nodes/no-restricted-imports',
	'@n8n/community-nodes/no-dangerous-functions',
	'@n8n/community-nodes/no-hardcoded-secrets',
	'@n8n/community-nodes/require-node-api-error',
];

export default [
	...config,
	{ files: ['**/*.ts'], rules: Object.fromEntries(packageCodeOnly.map((rule) => [rule, 'off'])) },
	{
		files: ['**/*.js', '**/*.mjs'],
		...js.configs.recommended,
		languageOptions: { globals: { ...globals.node, ...globals.jest } },
	},
	{ linterOptions: { reportUnusedDisableDirectives: 'off' } },
];

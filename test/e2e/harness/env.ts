/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, not shipped: linted by eslint.tests.config.mjs */
// Environment of every n8n process the suite starts.
import { N8nLine, pathWithNode } from './line';

export function n8nEnv(l: N8nLine, userFolder: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	// Jest's own settings must not leak into n8n.
	for (const key of Object.keys(env)) {
		if (key.startsWith('JEST_') || key === 'NODE_OPTIONS' || key === 'NODE_ENV' || key.startsWith('N8N_')) {
			delete env[key];
		}
	}
	return {
		...env,
		PATH: pathWithNode(l),
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
		N8N_LOG_LEVEL: 'info', // lower levels make --rawOutput print nothing
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		...l.env,
		...extra,
	};
}

// Once per jest run, after the last spec: stops the shared n8n and removes the migrated template folder.
import { stopSharedN8n } from './shared-n8n';
import { removeTemplateFolder } from './template-folder';

export default async function globalTeardown(): Promise<void> {
	await stopSharedN8n();
	removeTemplateFolder();
}

// Once per jest run, before the workers start (they inherit what it sets in the environment):
// builds and packs the package unless run.sh already did (E2E_TARBALL), and migrates one n8n
// database for every spec to copy (template-folder.ts), then starts the `n8n start` the specs
// without settings of their own share (shared-n8n.ts).
import { packedTarball } from './package-install';
import { startSharedN8n } from './shared-n8n';
import { createTemplateFolder } from './template-folder';

export default async function globalSetup(): Promise<void> {
	packedTarball();
	await createTemplateFolder();
	await startSharedN8n();
}

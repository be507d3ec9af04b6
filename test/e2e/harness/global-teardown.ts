// Once per jest run, after the last spec: removes the migrated template folder.
import { removeTemplateFolder } from './template-folder';

export default function globalTeardown(): void {
	removeTemplateFolder();
}

// Builds and packs the package once per jest run, unless run.sh already did (E2E_TARBALL).
// Workers inherit E2E_TARBALL from this process.
import { packedTarball } from './package-install';

export default async function globalSetup(): Promise<void> {
	packedTarball();
}

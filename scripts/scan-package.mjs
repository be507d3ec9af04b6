// n8n's community-package scanner, offline: the checks n8n's verification runs on a published
// package, applied to the repository's sources and to the tarball `npm pack` makes.
//   node scripts/scan-package.mjs              both scans of this repository (needs `npm run build`)
//   node scripts/scan-package.mjs --source DIR one source scan of another folder (used by its test)
// Exits 1 and prints every violation, with its rule, when either scan fails.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// The package has no main entry; its scanner module is what n8n's own CLI calls.
import { analyzePackage, SOURCE_FILE_PATTERNS } from '@n8n/scan-community-package/scanner/scanner.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARBALL_PATTERNS = ['**/*.js', 'package.json'];

async function scan(label, dir, patterns) {
	const result = await analyzePackage(dir, patterns);
	if (result.passed) {
		console.log(`scanner: ${label}: passed`);
		return true;
	}
	console.log(`scanner: ${label}: FAILED: ${result.message}\n${result.details ?? ''}`);
	return false;
}

function unpackTarball() {
	if (!existsSync(join(root, 'dist'))) throw new Error('scanner: no dist/ folder: run `npm run build` first');
	const work = mkdtempSync(join(tmpdir(), 'token-auth-scan-'));
	execFileSync('npm', ['pack', '--silent', '--pack-destination', work, '--cache', join(root, '.cache/npm')], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
	const tarball = readdirSync(work).find((file) => file.endsWith('.tgz'));
	const unpacked = join(work, 'package');
	mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', join(work, tarball), '-C', unpacked, '--strip-components=1']);
	return { unpacked, cleanup: () => rmSync(work, { recursive: true, force: true }) };
}

async function main() {
	const sourceIndex = process.argv.indexOf('--source');
	if (sourceIndex !== -1) return await scan(`sources of ${process.argv[sourceIndex + 1]}`, resolve(process.argv[sourceIndex + 1]), SOURCE_FILE_PATTERNS);
	const sourcesPass = await scan('repository sources', root, SOURCE_FILE_PATTERNS);
	const tarball = unpackTarball();
	try {
		const tarballPasses = await scan('npm pack tarball', tarball.unpacked, TARBALL_PATTERNS);
		return sourcesPass && tarballPasses;
	} finally {
		tarball.cleanup();
	}
}

main().then(
	(passed) => process.exit(passed ? 0 : 1),
	(error) => {
		console.error(error.message ?? error);
		process.exit(1);
	},
);

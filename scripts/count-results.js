// Sums the JSON results of every jest run of `npm test` into the closing line
// "tests: N passed, N failed, N skipped". Exits non-zero when a test or a step failed,
// or when no test ran at all.
const { readdirSync, readFileSync } = require('fs');
const { join } = require('path');

const [dir, failedStepsArg = '0'] = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
	const result = JSON.parse(readFileSync(join(dir, file), 'utf8'));
	totals.passed += result.numPassedTests;
	totals.failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
	totals.skipped += result.numPendingTests + result.numTodoTests;
	console.log(`${file.replace(/\.json$/, '')}: ${result.numPassedTests} passed, ${result.numFailedTests} failed`);
}
const failedSteps = Number(failedStepsArg);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || failedSteps > 0 || totals.passed === 0 ? 1 : 0);

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// The e2e suite's test environment: when a test fails, it prints what n8n said in each workflow
// run of that test (execution-report.ts), so `expect(result.ok).toBe(true)` failing says why.
import type { Circus } from '@jest/types';
import { TestEnvironment } from 'jest-environment-node';
import { RUN_REPORTS, type RunReports } from './run-reports';

export default class ReportFailuresEnvironment extends TestEnvironment {
	handleTestEvent(event: Circus.Event): void {
		if (event.name === 'test_start') (this.global as RunReports)[RUN_REPORTS] = [];
		if (event.name !== 'test_done' || event.test.errors.length === 0) return;
		const reports = (this.global as RunReports)[RUN_REPORTS] ?? [];
		if (!reports.length) return;
		const runs = reports.map((report, i) => `-- workflow run ${i + 1} of ${reports.length}:\n${report()}`);
		process.stderr.write(`\nWhat n8n said in the failed test "${event.test.name}":\n${runs.join('\n')}\n\n`);
	}
}

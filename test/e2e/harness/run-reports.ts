/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, not shipped: linted by eslint.tests.config.mjs */
// Each workflow run of the current e2e test leaves a report here (on the test's global object),
// read by report-failures-environment.ts when the test fails. Outside jest nothing is kept.
export const RUN_REPORTS = '__n8nRunReports';

export type RunReports = { [RUN_REPORTS]?: Array<() => string> };

/** Keeps a run's report (computed only if the test fails) for the current test. */
export function keepRunReport(report: () => string): void {
	(globalThis as RunReports)[RUN_REPORTS]?.push(report);
}

/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code, not shipped: linted by eslint.tests.config.mjs */
/** Waits `ms` of real time (for a token lifetime to pass; never to wait for a result). */
export const sleep = async (ms: number) => await new Promise<void>((resolve) => setTimeout(resolve, ms));

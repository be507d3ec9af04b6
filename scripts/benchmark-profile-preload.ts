/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// Preloaded into `n8n execute` by the benchmark's --profile (NODE_OPTIONS=--require, which takes no
// --cpu-prof): V8's CPU profiler from the start, its profile written to BENCHMARK_PROFILE_DIR when
// n8n ends the process (`n8n execute` ends with process.exit). Other n8n processes are left alone.
import { writeFileSync } from 'fs';
import { Session } from 'inspector';
import { join } from 'path';

const dir = process.env.BENCHMARK_PROFILE_DIR;
if (dir !== undefined && process.argv.includes('execute')) {
	const session = new Session();
	session.connect();
	session.post('Profiler.enable');
	session.post('Profiler.start');
	const exit = process.exit.bind(process);
	process.exit = ((code?: number) => {
		session.post('Profiler.stop', (error, result) => {
			if (error === null) writeFileSync(join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
			exit(code);
		});
	}) as typeof process.exit;
}

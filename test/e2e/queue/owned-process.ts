/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// A server process the harness started: its output, its exit, and a stop by PID only.
import { ChildProcess, spawn, SpawnOptions } from 'child_process';

const running = new Set<OwnedProcess>();
// A failed run still leaves nothing behind: every process still running is killed on exit.
process.once('exit', () => {
	for (const owned of running) owned.killNow();
});

export class OwnedProcess {
	private output = '';
	readonly exited: Promise<number | null>;

	private constructor(
		readonly name: string,
		private readonly child: ChildProcess,
		/** The PID to signal when it is not the child's own (a server started through runuser). */
		private readonly serverPid: () => number | undefined,
	) {
		child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
		child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
		this.exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
		void this.exited.then(() => running.delete(this));
		running.add(this);
	}

	static start(name: string, command: string, args: string[], options: SpawnOptions, serverPid?: () => number | undefined): OwnedProcess {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		return new OwnedProcess(name, child, serverPid ?? (() => child.pid));
	}

	get log(): string {
		return this.output;
	}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** SIGTERM (or `signal`), then SIGKILL after `graceMs`. */
	async stop(signal: NodeJS.Signals = 'SIGTERM', graceMs = 20_000): Promise<void> {
		if (!this.running) return;
		const pid = this.serverPid() ?? this.child.pid;
		if (pid !== undefined) process.kill(pid, signal);
		const timer = setTimeout(() => this.killNow(), graceMs);
		await this.exited;
		clearTimeout(timer);
	}

	killNow(): void {
		if (!this.running) return;
		const pid = this.serverPid();
		if (pid !== undefined && pid !== this.child.pid) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
		this.child.kill('SIGKILL');
	}
}

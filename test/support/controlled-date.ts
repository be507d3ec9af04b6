/**
 * Moves `Date` only when a test says so, so a token's age never depends on how fast a loaded machine
 * runs. Only Date is faked: sockets, timers and ticks stay real, so the labs and n8n-core's request
 * helpers run as usual. What reads this Date: the engine's default clock, the labs in test/servers
 * and the OAuth2 server library they use (all loaded in the jest sandbox); Node's own internals keep
 * the real clock. Between two `pass` calls the time stands still.
 *
 *   const time = useControlledDate();   // in a describe block
 *   time.pass(1700);
 */
const REAL = [
	'hrtime',
	'nextTick',
	'performance',
	'queueMicrotask',
	'requestAnimationFrame',
	'cancelAnimationFrame',
	'requestIdleCallback',
	'cancelIdleCallback',
	'setImmediate',
	'clearImmediate',
	'setInterval',
	'clearInterval',
	'setTimeout',
	'clearTimeout',
] as const;

export interface ControlledDate {
	/** Moves Date forward by `ms`, at once. */
	pass(ms: number): void;
}

export function useControlledDate(): ControlledDate {
	beforeEach(() => {
		// A whole second, so a JWT `exp` (whole seconds) is exactly the lifetime from now.
		jest.useFakeTimers({ doNotFake: [...REAL], now: Math.ceil(Date.now() / 1000) * 1000 });
	});
	afterEach(() => {
		jest.useRealTimers();
	});
	return {
		pass(ms: number) {
			jest.setSystemTime(Date.now() + ms);
		},
	};
}

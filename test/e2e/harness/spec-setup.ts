// The setup every e2e spec shares: start the spec's servers, then an `n8n start` logged in as the
// owner that saves the spec's credentials and workflows and runs them (`n8n.execute`) through the
// editor's REST calls; after all tests, stop and remove all of it. Registered as the spec's
// beforeAll/afterAll. A spec without settings uses the run's shared `n8n start` (shared-n8n.ts);
// one with `env`, or that says `ownN8n`, gets a user folder and an `n8n start` of its own. Specs
// whose checks each need a new n8n process ask for `separateProcesses`: fixtures imported with
// `n8n import:*`, runs with `n8n.cli`.
import type { CredentialFixture } from './cli';
import { createInstance, type N8nInstance } from './instance';
import { currentLine } from './line';
import type { N8nServer } from './n8n-server';
import type { WorkflowFixture } from './workflows';

/** Servers, a first n8n start and the fixtures: on a busy machine one n8n start alone took 4 min. */
const STARTUP_TIMEOUT_MS = 600_000;
/** The timeout of a test that starts n8n again (`n8n.restart`, a change of `n8n.useSettings`). */
export const N8N_START_TIMEOUT_MS = 600_000;

/** `describe` for what only n8n 2.x has (each spec says what 1.x lacks); skipped on line 1. */
export const describeOnLine2: jest.Describe = currentLine().line === '2' ? describe : describe.skip;

/** A server a spec starts (token lab, emulator, proxy...): closed after the spec's last test. */
export interface Closable {
	close(): Promise<void>;
}

type ServerStarters = Record<string, () => Promise<Closable>>;
type Started<S extends ServerStarters> = { [K in keyof S]: Awaited<ReturnType<S[K]>> };

export interface Fixtures {
	credentials?: CredentialFixture[];
	workflows?: WorkflowFixture[];
}

export interface SpecSetup<S extends ServerStarters> {
	/** Started in this order before n8n, closed after it. */
	servers?: S;
	/** Credentials and workflows imported once, before the first test (may keep ids for the tests). */
	fixtures?: (servers: Started<S>) => Fixtures | Promise<Fixtures>;
	/** Settings every n8n process of the spec gets (as an operator would set them); may name what the servers started. */
	env?: Record<string, string> | ((servers: Started<S>) => Record<string, string>);
	/**
	 * No `n8n start` before the first test: fixtures imported with `n8n import:*` (their ids kept),
	 * for specs that run every workflow in a process of its own (`n8n.cli.execute`). `n8n.execute`
	 * and `editor` still start one when used.
	 */
	separateProcesses?: boolean;
	/** A spec that uses `editor` in a test says so (with `separateProcesses`, it is then started first). */
	editor?: boolean;
	/**
	 * The spec restarts n8n (`n8n.restart`, `n8n.useSettings`) or runs n8n commands, so it needs an
	 * n8n of its own. Without it, a spec with no `env` and no `separateProcesses` uses the run's
	 * shared `n8n start` (shared-n8n.ts): no boot of its own.
	 */
	ownN8n?: boolean;
}

export type Spec<S extends ServerStarters> = Started<S> & {
	n8n: N8nInstance;
	/** The running `n8n start` of `n8n`, logged in as the owner (the editor's REST calls). */
	editor: N8nServer;
};

/**
 * Registers the spec's beforeAll/afterAll and returns its n8n instance, editor and servers. They
 * exist once beforeAll has run: each returned value stands for the one started then.
 */
export function useN8nSpec<S extends ServerStarters = Record<never, never>>(label: string, setup: SpecSetup<S> = {}): Spec<S> {
	const started: Record<string, unknown> = {};
	const closables: Closable[] = [];

	beforeAll(async () => {
		for (const [name, start] of Object.entries(setup.servers ?? {})) {
			const server = await start();
			closables.push(server);
			started[name] = server;
		}
		const settings = typeof setup.env === 'function' ? setup.env(started as Started<S>) : setup.env;
		const shared = !setup.env && !setup.separateProcesses && !setup.ownN8n;
		const n8n = createInstance(label, { settings, separateProcesses: setup.separateProcesses, shared });
		started.n8n = n8n;
		const fixtures = (await setup.fixtures?.(started as Started<S>)) ?? {};
		await n8n.load(fixtures.workflows ?? [], fixtures.credentials);
		if (setup.editor) await n8n.server();
	}, STARTUP_TIMEOUT_MS);

	afterAll(async () => {
		await (started.n8n as N8nInstance | undefined)?.stop();
		for (const server of closables.reverse()) await server.close();
		(started.n8n as N8nInstance | undefined)?.cleanup();
	});

	const names = ['n8n', ...Object.keys(setup.servers ?? {})];
	const editor = startedLater(label, 'editor', () => (started.n8n as N8nInstance | undefined)?.current());
	return { editor, ...Object.fromEntries(names.map((name) => [name, startedLater(label, name, () => started[name])])) } as Spec<S>;
}

/**
 * The run's shared n8n (n8n's defaults) for a spec that has an n8n of its own for its settings:
 * the spec's checks that need none run here, with no n8n start of their own. Its beforeAll (after
 * the spec's, so `fixtures` may use what the spec's made) loads `fixtures`; a spec runs them with
 * `execute`, or loads more in a test. Without a shared n8n (E2E_SHARED_N8N=off) it is one more
 * n8n of the spec's.
 */
export function useSharedN8n(label: string, fixtures?: () => Fixtures): N8nInstance {
	let instance: N8nInstance | undefined;
	beforeAll(async () => {
		instance = createInstance(label, { shared: true });
		const { workflows = [], credentials } = fixtures?.() ?? {};
		if (workflows.length) await instance.load(workflows, credentials);
	}, STARTUP_TIMEOUT_MS);
	afterAll(async () => {
		await instance?.stop();
		instance?.cleanup();
	});
	return startedLater(label, 'the shared n8n', () => instance) as N8nInstance;
}

/**
 * Stands for an object that exists only once beforeAll has run, so a spec can name it where it
 * declares its tests. Reads, writes and method calls go to the started object.
 */
function startedLater(label: string, name: string, current: () => unknown): object {
	const target = (): object => {
		const value = current();
		if (value === undefined) throw new Error(`${label}: ${name} is not started (used outside a test, or not asked for)`);
		return value as object;
	};
	return new Proxy(
		{},
		{
			get: (_, key) => {
				const real = target();
				const value = Reflect.get(real, key, real);
				return typeof value === 'function' ? value.bind(real) : value;
			},
			set: (_, key, value) => Reflect.set(target(), key, value),
			has: (_, key) => Reflect.has(target(), key),
		},
	);
}

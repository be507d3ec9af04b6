// The setup every e2e spec shares: start the spec's servers, one n8n user folder with the package,
// import the spec's credentials and workflows, optionally a running `n8n start` logged in as the
// owner; after all tests, stop and remove all of it. Registered as the spec's beforeAll/afterAll.
import type { CredentialFixture } from './cli';
import { createInstance, type N8nInstance } from './instance';
import { currentLine } from './line';
import { N8nServer } from './n8n-server';
import type { WorkflowFixture } from './workflows';

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
	/** Settings every n8n process of the spec gets (as an operator would set them). */
	env?: Record<string, string>;
	/** Also runs `n8n start` on the user folder, owner set up and logged in (the editor's REST calls). */
	editor?: boolean;
}

export type Spec<S extends ServerStarters> = Started<S> & {
	n8n: N8nInstance;
	/** The running `n8n start` (only with `editor: true`). */
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
		const n8n = createInstance(label);
		started.n8n = n8n;
		n8n.cli.extraEnv = { ...setup.env };
		const fixtures = (await setup.fixtures?.(started as Started<S>)) ?? {};
		if (fixtures.credentials?.length) await n8n.cli.importCredentials(fixtures.credentials);
		if (fixtures.workflows?.length) await n8n.cli.importWorkflow(fixtures.workflows);
		if (setup.editor) {
			const editor = await N8nServer.start(n8n.cli.line, n8n.userFolder);
			started.editor = editor;
			await editor.setupOwnerAndLogin();
		}
	});

	afterAll(async () => {
		await (started.editor as N8nServer | undefined)?.stop();
		for (const server of closables.reverse()) await server.close();
		(started.n8n as N8nInstance | undefined)?.cleanup();
	});

	const names = ['n8n', 'editor', ...Object.keys(setup.servers ?? {})];
	return Object.fromEntries(names.map((name) => [name, startedLater(label, name, () => started[name])])) as Spec<S>;
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

/* eslint-disable @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- test code, not shipped: linted by eslint.tests.config.mjs */
// An n8n queue-mode cluster: Redis, Postgres, `n8n start` as main and `n8n worker` processes,
// one encryption key, the package installed in every process's own user folder.
//
//   const cluster = await startCluster({ workers: 2 });
//   await cluster.importCredentials([...]); await cluster.importWorkflows([...]); cluster.publish(ids);
//   await cluster.startProcesses();  ...  await cluster.stop();
import { randomBytes } from 'crypto';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { CredentialFixture, N8nCli } from '../harness/cli';
import { n8nEnv } from '../harness/env';
import { assertLineInstalled, currentLine, N8nLine, scratchRoot } from '../harness/line';
import { installPackage, packageName } from '../harness/package-install';
import { freePort } from '../harness/ports';
import { ensureDebianServers } from './debian-packages';
import { OwnedProcess } from './owned-process';
import { Postgres, startPostgres } from './postgres';
import { Redis, startRedis } from './redis';
import { waitFor } from './wait';
import type { WebhookWorkflow } from './webhook-workflow';

export interface ClusterOptions {
	workers: number;
	concurrency?: number;
	/** Names this cluster's data folder (under the scratch root; removed at stop unless E2E_KEEP). */
	label?: string;
	/** N8N_LOG_LEVEL of the workers (the package's token log is at debug); default info. */
	workerLogLevel?: 'debug' | 'info';
}

export interface N8nProcess {
	name: string;
	userFolder: string;
	process?: OwnedProcess;
	/** Port polled for /healthz/readiness. */
	healthPort: number;
}

export class QueueCluster {
	readonly main: N8nProcess;
	readonly workers: N8nProcess[];
	readonly webhookBase: string;
	/** Output of every n8n process ever started here (restarts included), for secret scans. */
	private readonly pastLogs: string[] = [];

	private constructor(
		readonly line: N8nLine,
		private readonly dir: string,
		private readonly redis: Redis,
		private readonly postgres: Postgres,
		private readonly sharedEnv: Record<string, string>,
		private readonly concurrency: number,
		private readonly workerLogLevel: string,
		mainPort: number,
		workerPorts: number[],
	) {
		this.main = { name: 'main', userFolder: join(dir, 'main'), healthPort: mainPort };
		this.workers = workerPorts.map((port, i) => ({ name: `worker-${i + 1}`, userFolder: join(dir, `worker-${i + 1}`), healthPort: port }));
		this.webhookBase = `http://127.0.0.1:${mainPort}/webhook`;
	}

	static async start(options: ClusterOptions): Promise<QueueCluster> {
		const line = currentLine();
		assertLineInstalled(line);
		const servers = ensureDebianServers();
		const dir = join(scratchRoot, `queue-${options.label ?? 'cluster'}-n8n${line.line}-${process.pid}`);
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
		const redis = await startRedis(servers.redisServer, join(dir, 'redis'));
		const postgres = await startPostgres(servers.postgresBin, join(dir, 'postgres')).catch(async (error: Error) => {
			await redis.process.stop();
			throw error;
		});
		const mainPort = await freePort();
		const workerPorts = await Promise.all(Array.from({ length: options.workers }, async () => await freePort()));
		const sharedEnv = {
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(postgres.port),
			DB_POSTGRESDB_DATABASE: postgres.database,
			DB_POSTGRESDB_USER: 'postgres',
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PORT: String(mainPort),
			WEBHOOK_URL: `http://127.0.0.1:${mainPort}/`,
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_SECURE_COOKIE: 'false',
			// The workflows name the worker that ran them with {{ $env.E2E_WORKER }}.
			N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		};
		const cluster = new QueueCluster(line, dir, redis, postgres, sharedEnv, options.concurrency ?? 10, options.workerLogLevel ?? 'info', mainPort, workerPorts);
		// One extracted copy of the package; every process's user folder links to it, as n8n would install it there.
		const packageCopy = installPackage(join(dir, 'package'));
		for (const p of [cluster.main, ...cluster.workers]) {
			const nodeModules = join(p.userFolder, '.n8n/nodes/node_modules');
			mkdirSync(nodeModules, { recursive: true });
			symlinkSync(packageCopy, join(nodeModules, packageName));
		}
		return cluster;
	}

	/** The n8n command line against the cluster's database (runs one after another: migrations lock). */
	cli(): N8nCli {
		return new QueueCli(this.line, this.main.userFolder, this.sharedEnv);
	}

	async importCredentials(credentials: CredentialFixture[]): Promise<void> {
		await this.cli().importCredentials(credentials);
	}

	async importWorkflows(workflows: object[]): Promise<void> {
		await this.cli().importWorkflow(workflows);
	}

	/**
	 * Publishes (activates) the workflows before main starts: main registers their webhooks as it
	 * starts. One statement in the cluster's database, the one n8n's own command runs
	 * (`publish:workflow --id` on 2.x, `update:workflow --id --active=true` on 1.x: the workflow's
	 * current version becomes its active one), instead of an n8n process booting for each workflow
	 * (about 12 s of CPU each). 2.x ignores the `active` flag of an imported workflow, and over a
	 * running main's REST calls a 2.x main publishes through an outbox after the call returns (one
	 * webhook call in 300 met "not registered"); a 1.x main answers its health check before its REST routes.
	 */
	publish(workflowIds: string[]): void {
		const ids = workflowIds.map((id) => `'${id.replace(/'/g, '')}'`).join(',');
		const published = this.postgres.query(
			`UPDATE workflow_entity SET active = true, "activeVersionId" = "versionId" WHERE id IN (${ids}) RETURNING id`,
		);
		const missing = workflowIds.filter((id) => !published.includes(id));
		if (missing.length) throw new Error(`publishing found no imported workflow ${missing.join(', ')} in n8n's database`);
	}

	/** Starts main and every worker and waits until all are ready. */
	async startProcesses(): Promise<void> {
		await this.startProcess(this.main, ['start'], {});
		for (const worker of this.workers) await this.startWorker(worker);
	}

	async startWorker(worker: N8nProcess): Promise<void> {
		await this.startProcess(worker, ['worker', `--concurrency=${this.concurrency}`], {
			QUEUE_HEALTH_CHECK_ACTIVE: 'true',
			QUEUE_HEALTH_CHECK_PORT: String(worker.healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_LOG_LEVEL: this.workerLogLevel,
		});
	}

	async stopWorker(worker: N8nProcess): Promise<void> {
		await worker.process?.stop();
		if (worker.process) this.pastLogs.push(worker.process.log);
		worker.process = undefined;
	}

	/**
	 * How n8n recorded the executions of `workflows` started since `sinceMs` (ms since the epoch),
	 * by status ({ success: 300 }), read from its database: what ran, whether or not main sent the
	 * webhook's answer.
	 */
	executionStatuses(workflows: WebhookWorkflow[], sinceMs: number): Record<string, number> {
		const ids = workflows.map((workflow) => `'${workflow.id.replace(/'/g, '')}'`).join(',');
		const rows = this.postgres.query(
			`SELECT status, count(*) FROM execution_entity WHERE "workflowId" IN (${ids}) AND "startedAt" >= to_timestamp(${sinceMs / 1000}) GROUP BY status`,
		);
		return Object.fromEntries(rows.map((row) => row.split('|')).map(([status, count]) => [status, Number(count)]));
	}

	/** Output of main and every worker, present and past. */
	logs(): Record<string, string> {
		const all: Record<string, string> = { past: this.pastLogs.join('\n') };
		for (const p of [this.main, ...this.workers]) all[p.name] = p.process?.log ?? '';
		return all;
	}

	async stop(): Promise<void> {
		for (const p of [...this.workers, this.main]) await p.process?.stop();
		// E2E_KEEP=1 keeps the folder with every process's output, for a look after a failure.
		if (process.env.E2E_KEEP) for (const [name, log] of Object.entries(this.logs())) writeFileSync(join(this.dir, `${name}.log`), log);
		await this.postgres.process.stop('SIGINT');
		await this.redis.process.stop();
		if (!process.env.E2E_KEEP) rmSync(this.dir, { recursive: true, force: true });
	}

	private async startProcess(p: N8nProcess, args: string[], extra: Record<string, string>): Promise<void> {
		const env = n8nEnv(this.line, p.userFolder, {
			...this.sharedEnv,
			N8N_RUNNERS_BROKER_PORT: String(await freePort()),
			E2E_WORKER: p.name,
			...extra,
		});
		p.process = OwnedProcess.start(p.name, this.line.nodeBin, [this.line.n8nBin, ...args], { env });
		const url = `http://127.0.0.1:${p.healthPort}/healthz/readiness`;
		await waitFor(`n8n ${p.name}`, 180_000, async () => (await fetch(url).catch(() => undefined))?.status === 200, p.process);
	}
}

/** The CLI with the cluster's database and encryption key. */
class QueueCli extends N8nCli {
	constructor(line: N8nLine, userFolder: string, private readonly sharedEnv: Record<string, string>) {
		super(line, userFolder);
	}

	override async run(args: string[], timeoutMs = 300_000) {
		return await super.run(args, timeoutMs, this.sharedEnv);
	}
}

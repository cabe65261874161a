import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Logger } from 'pino';
import { jobDuration, jobRuns } from '../metrics/metrics';

// biome-ignore lint/suspicious/noExplicitAny: jobs receive the application's own typed database.
export type JobContext<DB = any> = { db: Kysely<DB>; now: Date; log: Logger };

export type JobDefinition<DB> = {
  /** Stable identifier: also the advisory-lock key and the name in `job_runs`. */
  name: string;
  intervalMs: number;
  run(context: JobContext<DB>): Promise<void>;
};

export type JobOutcome = 'succeeded' | 'failed' | 'skipped';

/**
 * Runs recurring jobs in-process. Every instance schedules every job, but a run first takes a
 * PostgreSQL advisory lock and checks the journal, so across instances each period runs once.
 * The job works on the connection that holds the lock: on the embedded engine, the only one.
 */
export class JobScheduler<DB> {
  private readonly jobs = new Map<string, JobDefinition<DB>>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new Set<Promise<JobOutcome>>();
  readonly instanceId = randomUUID();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly log: Logger,
  ) {}

  register(job: JobDefinition<DB>): void {
    if (this.jobs.has(job.name)) throw new Error(`Job ${job.name} is registered twice`);
    this.jobs.set(job.name, job);
  }

  get names(): string[] {
    return [...this.jobs.keys()];
  }

  /**
   * Every job first runs `firstRunDelayMs` after start, then every interval. The first run matters:
   * a daily job on instances restarted more often than daily would otherwise never run. The journal
   * check makes that first run a no-op when another instance (or this one before a restart) already
   * ran the job within its period.
   */
  start(options: { firstRunDelayMs?: number } = {}): void {
    for (const job of this.jobs.values()) {
      const first = setTimeout(() => {
        this.tick(job.name);
        const timer = setInterval(() => this.tick(job.name), job.intervalMs);
        timer.unref();
        this.timers.push(timer);
      }, options.firstRunDelayMs ?? 30_000);
      first.unref();
      this.timers.push(first);
    }
  }

  private tick(name: string): void {
    const run = this.runNow(name).catch((error: unknown) => {
      // A database outage must not become an unhandled rejection; the next tick retries.
      this.log.error({ err: error, job: name }, 'job could not start');
      return 'failed' as const;
    });
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** No new runs; resolves once the runs already started have finished (graceful shutdown). */
  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearTimeout(timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** Runs one job now if its period is due and no other instance holds it. */
  async runNow(name: string, options: { force?: boolean } = {}): Promise<JobOutcome> {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`Unknown job ${name}`);
    // biome-ignore lint/suspicious/noExplicitAny: the journal table is the platform's, not in DB.
    return this.db.connection().execute(async (connection: Kysely<any>) => {
      const lock = await sql<{ locked: boolean }>`
        select pg_try_advisory_lock(hashtext(${`job:${name}`})) as locked`.execute(connection);
      if (!lock.rows[0]?.locked) return 'skipped';
      try {
        if (!options.force && (await this.ranWithinPeriod(connection, job))) return 'skipped';
        return await this.execute(connection, job);
      } finally {
        await sql`select pg_advisory_unlock(hashtext(${`job:${name}`}))`.execute(connection);
      }
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: see runNow.
  private async ranWithinPeriod(connection: Kysely<any>, job: JobDefinition<DB>): Promise<boolean> {
    const last = await sql<{ recent: boolean }>`
      select exists (
        select 1 from job_runs
        where job_name = ${job.name} and outcome = 'succeeded'
          and started_at > now() - make_interval(secs => ${job.intervalMs / 1000})
      ) as recent`.execute(connection);
    return last.rows[0]?.recent === true;
  }

  // biome-ignore lint/suspicious/noExplicitAny: see runNow.
  private async execute(connection: Kysely<any>, job: JobDefinition<DB>): Promise<JobOutcome> {
    const inserted = await sql<{ id: number }>`
      insert into job_runs (job_name, instance_id) values (${job.name}, ${this.instanceId})
      returning id`.execute(connection);
    const runId = inserted.rows[0]?.id;
    const log = this.log.child({ job: job.name, runId });
    const endTimer = jobDuration.startTimer({ job: job.name });
    try {
      await job.run({ db: connection as Kysely<DB>, now: new Date(), log });
      await sql`update job_runs set finished_at = now(), outcome = 'succeeded' where id = ${runId}`.execute(
        connection,
      );
      log.info('job succeeded');
      jobRuns.inc({ job: job.name, outcome: 'succeeded' });
      return 'succeeded';
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await sql`update job_runs set finished_at = now(), outcome = 'failed', error = ${message}
        where id = ${runId}`.execute(connection);
      log.error({ err: error }, 'job failed');
      jobRuns.inc({ job: job.name, outcome: 'failed' });
      return 'failed';
    } finally {
      endTimer();
    }
  }
}

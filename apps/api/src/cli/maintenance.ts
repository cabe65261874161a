import pino from 'pino';
import type { Config } from '../config';
import type { DB } from '../database';
import { MAINTENANCE_JOBS, type MaintenanceKind, maintenanceJob } from '../operations/jobs';
import { DataDirInUseError } from '../platform/db/data-dir-lock';
import { openDatabase } from '../platform/db/database';
import { JobScheduler } from '../platform/jobs/scheduler';

const KINDS = Object.keys(MAINTENANCE_JOBS) as MaintenanceKind[];

/**
 * Runs the maintenance job through the scheduler, forced: the same advisory lock as the server's
 * own run, so the CLI and an instance never maintain the database at the same time.
 */
export async function maintenanceCommand(config: Config, args: string[]): Promise<number> {
  const kind = KINDS.find((candidate) => candidate === args[0]);
  if (!kind) {
    process.stderr.write('Usage: npm run maintenance -- daily|weekly\n');
    return 2;
  }
  const database = await openDatabase<DB>(
    config.database.kind === 'embedded'
      ? { kind: 'embedded', dataDir: config.database.dataDir }
      : config.database,
  ).catch((error: unknown) => {
    if (!(error instanceof DataDirInUseError)) throw error;
    process.stderr.write(
      `${error.message}\nThe running server performs this maintenance itself (job ${MAINTENANCE_JOBS[kind]}); ` +
        'its report is in the server log.\n',
    );
    return undefined;
  });
  if (!database) return 1;
  try {
    const scheduler = new JobScheduler<DB>(database.db, pino({ level: 'silent' }));
    let printed = false;
    scheduler.register(
      maintenanceJob(kind, { config, database }, (text) => {
        printed = true;
        process.stdout.write(text);
      }),
    );
    const outcome = await scheduler.runNow(MAINTENANCE_JOBS[kind], { force: true });
    if (outcome === 'skipped') {
      process.stderr.write(
        `Another instance is running ${MAINTENANCE_JOBS[kind]} right now (its advisory lock is held); nothing done.\n`,
      );
      return 1;
    }
    if (!printed) process.stderr.write(`maintenance ${kind} failed before its report (see job_runs).\n`);
    return outcome === 'succeeded' ? 0 : 1;
  } finally {
    await database.close();
  }
}

import type { Config } from '../config';
import type { DB } from '../database';
import { createBackup } from '../platform/backup/create';
import type { DatabaseHandle } from '../platform/db/database';
import type { JobDefinition } from '../platform/jobs/scheduler';
import { runDailyMaintenance } from './maintenance-daily';
import { formatReport, type MaintenanceReport } from './maintenance-report';
import { runWeeklyMaintenance } from './maintenance-weekly';

const HOUR_MS = 3600 * 1000;
const SCHEDULE_MS = { hourly: HOUR_MS, daily: 24 * HOUR_MS, weekly: 7 * 24 * HOUR_MS } as const;

export type OperationsJobDeps = {
  config: Pick<Config, 'operations' | 'filesDir' | 'version' | 'database'>;
  database: Pick<DatabaseHandle<DB>, 'kind' | 'embedded'>;
  /** Overrides where uploads are stored (tests). */
  filesDir?: string;
};

export const BACKUP_JOB = 'backup';
export const MAINTENANCE_JOBS = { daily: 'maintenance-daily', weekly: 'maintenance-weekly' } as const;
export type MaintenanceKind = keyof typeof MAINTENANCE_JOBS;

/**
 * The backup as a scheduled job: the embedded engine can only be dumped by the process that owns
 * it, so the server backs itself up; the job runs on the connection holding the advisory lock.
 */
export function backupJob(deps: OperationsJobDeps): JobDefinition<DB> | undefined {
  const { operations } = deps.config;
  if (operations.backupSchedule === 'off') return undefined;
  return {
    name: BACKUP_JOB,
    intervalMs: SCHEDULE_MS[operations.backupSchedule],
    run: async ({ db, now, log }) => {
      const { database, config } = deps;
      const source =
        database.kind === 'embedded' && database.embedded
          ? ({ kind: 'embedded', engine: database.embedded } as const)
          : config.database.kind === 'server'
            ? ({ kind: 'server', url: config.database.url, pgBinDir: operations.pgBinDir } as const)
            : undefined;
      if (!source) throw new Error('no database to back up');
      const result = await createBackup({
        db,
        source,
        filesDir: deps.filesDir ?? config.filesDir,
        backupDir: operations.backupDir,
        appVersion: config.version,
        retention: operations.retention,
        s3: operations.s3,
        now,
      });
      log.info(
        { backup: result.entry.name, removed: result.removed, uploaded: result.uploadedKeys.length },
        'backup written',
      );
    },
  };
}

/**
 * Daily and weekly maintenance as jobs, shared by the server's scheduler and the CLI (which runs
 * them through the scheduler too, so both take the same advisory lock). A problem fails the run.
 */
export function maintenanceJob(
  kind: MaintenanceKind,
  deps: OperationsJobDeps,
  onReport: (text: string, report: MaintenanceReport) => void = () => {},
): JobDefinition<DB> {
  const { operations } = deps.config;
  return {
    name: MAINTENANCE_JOBS[kind],
    intervalMs: kind === 'daily' ? SCHEDULE_MS.daily : SCHEDULE_MS.weekly,
    run: async ({ db, now, log }) => {
      const report: MaintenanceReport = { lines: [], problems: [] };
      try {
        const result =
          kind === 'daily'
            ? await runDailyMaintenance(db, { backupDir: operations.backupDir, now })
            : await runWeeklyMaintenance(db, {
                backupDir: operations.backupDir,
                logDir: operations.logDir,
                logRetentionDays: operations.logRetentionDays,
                backupsExpected: operations.backupSchedule !== 'off',
                verifyServer:
                  deps.config.database.kind === 'server'
                    ? { url: deps.config.database.url, pgBinDir: operations.pgBinDir }
                    : undefined,
                now,
              });
        report.lines.push(...result.lines);
        report.problems.push(...result.problems);
      } catch (error) {
        report.problems.push(`stopped: ${error instanceof Error ? error.message : String(error)}`);
      }
      const text = formatReport(`maintenance ${kind} — ${now.toISOString()}`, report);
      onReport(text, report);
      log.info({ report: report.lines, problems: report.problems }, `maintenance ${kind}`);
      if (report.problems.length > 0) throw new Error(report.problems.join('; '));
    },
  };
}

/** The jobs operations add to a server's scheduler. */
export function operationsJobs(deps: OperationsJobDeps): JobDefinition<DB>[] {
  const backup = backupJob(deps);
  return [...(backup ? [backup] : []), maintenanceJob('daily', deps), maintenanceJob('weekly', deps)];
}

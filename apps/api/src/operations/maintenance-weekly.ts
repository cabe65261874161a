import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../database';
import { findCorruptFiles } from '../platform/backup/checksums';
import { listBackups } from '../platform/backup/layout';
import type { ServerTarget } from '../platform/backup/scratch';
import { verifyBackup } from '../platform/backup/verify';
import type { MaintenanceReport } from './maintenance-report';

export type WeeklyOptions = {
  backupDir: string;
  logDir: string | undefined;
  logRetentionDays: number;
  /** False when backups are someone else's job (BACKUP_SCHEDULE=off): none kept here is fine. */
  backupsExpected: boolean;
  /** Where a server dump can be restored for verification (the application's DATABASE_URL). */
  verifyServer: ServerTarget | undefined;
  now: Date;
};

async function vacuumAnalyze(db: Kysely<DB>, report: MaintenanceReport) {
  const started = Date.now();
  await sql`vacuum (analyze)`.execute(db);
  report.lines.push(`vacuum analyze: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Rotated log files past the retention; the file being written is recent and stays. */
function removeOldLogs(options: WeeklyOptions, report: MaintenanceReport) {
  if (!options.logDir) {
    report.lines.push('old logs: LOG_DIR is not set, nothing to remove');
    return;
  }
  if (!fs.existsSync(options.logDir)) {
    report.lines.push(`old logs: ${options.logDir} does not exist, nothing to remove`);
    return;
  }
  const limit = options.now.getTime() - options.logRetentionDays * 24 * 3600 * 1000;
  let removed = 0;
  for (const entry of fs.readdirSync(options.logDir, { withFileTypes: true })) {
    const file = path.join(options.logDir, entry.name);
    if (entry.isFile() && entry.name.includes('.log') && fs.statSync(file).mtimeMs < limit) {
      fs.rmSync(file);
      removed++;
    }
  }
  report.lines.push(`old logs: ${removed} file(s) older than ${options.logRetentionDays} days removed`);
}

/** Every kept backup still matches its checksums; the latest one restores with the right counts. */
async function verifyBackups(options: WeeklyOptions, report: MaintenanceReport) {
  const backups = listBackups(options.backupDir);
  const latest = backups.at(-1);
  if (!latest) {
    if (options.backupsExpected) report.problems.push(`no backup to verify in ${options.backupDir}`);
    else report.lines.push(`backups: none in ${options.backupDir} (BACKUP_SCHEDULE=off)`);
    return;
  }
  for (const entry of backups.slice(0, -1)) {
    const corrupt = await findCorruptFiles(entry.dir, entry.manifest);
    if (corrupt.length > 0) report.problems.push(`backup ${entry.name} is damaged: ${corrupt.join(', ')}`);
  }
  const result = await verifyBackup(latest, options.verifyServer);
  report.lines.push(
    `backups: ${backups.length} kept; latest ${latest.name} restored to a scratch database: ${result.tablesChecked} tables, ${result.files.actual ?? '?'} files, ${result.ok ? 'identical' : 'DIFFERENT'}`,
  );
  if (!result.ok) report.problems.push(`backup ${latest.name} failed verification`);
}

export async function runWeeklyMaintenance(
  db: Kysely<DB>,
  options: WeeklyOptions,
): Promise<MaintenanceReport> {
  const report: MaintenanceReport = { lines: [], problems: [] };
  await vacuumAnalyze(db, report);
  removeOldLogs(options, report);
  await verifyBackups(options, report);
  return report;
}

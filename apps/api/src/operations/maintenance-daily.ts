import { type Kysely, sql } from 'kysely';
import type { DB } from '../database';
import { ensureNextMessagePartition } from '../modules/messaging/jobs';
import { readLastSuccess } from '../platform/backup/layout';
import type { MaintenanceReport } from './maintenance-report';

const BACKUP_MAX_AGE_HOURS = 26;

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KiB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
}

async function databaseSize(db: Kysely<DB>, report: MaintenanceReport) {
  const result = await sql<{ bytes: number | string }>`
    select pg_database_size(current_database()) as bytes`.execute(db);
  report.lines.push(`database size: ${formatBytes(Number(result.rows[0]?.bytes ?? 0))}`);
}

/** What the application records as failures: failed job runs and undeliverable mail. */
async function recentErrors(db: Kysely<DB>, report: MaintenanceReport) {
  const jobs = await sql<{ job_name: string; failures: number | string }>`
    select job_name, count(*) as failures from job_runs
    where outcome = 'failed' and started_at > now() - interval '24 hours'
    group by job_name order by job_name`.execute(db);
  const mail = await sql<{ failures: number | string }>`
    select count(*) as failures from outbox
    where status = 'failed' and created_at > now() - interval '24 hours'`.execute(db);
  const failedJobs = jobs.rows.reduce((sum, row) => sum + Number(row.failures), 0);
  const failedMail = Number(mail.rows[0]?.failures ?? 0);
  const detail = jobs.rows.map((row) => `${row.job_name} ×${row.failures}`).join(', ');
  report.lines.push(
    `errors in the last 24 h: ${failedJobs + failedMail} (failed job runs: ${failedJobs}${detail ? ` [${detail}]` : ''}; failed mails: ${failedMail})`,
  );
  if (failedJobs + failedMail > 0) {
    report.problems.push(`${failedJobs + failedMail} error(s) recorded in the last 24 h`);
  }
}

// Rows that no longer serve anyone: every limit matches what the application itself enforces.
const PURGES = [
  {
    label: 'expired, idle or revoked sessions',
    query: sql`delete from sessions
      where expires_at < now() or last_seen_at < now() - interval '7 days' or revoked_at is not null`,
  },
  { label: 'expired e-mail tokens', query: sql`delete from email_tokens where expires_at < now()` },
  {
    label: 'expired anonymous simulations',
    query: sql`delete from simulations where client_id is null and expires_at < now()`,
  },
  { label: 'ended account locks', query: sql`delete from account_locks where locked_until < now()` },
  {
    label: 'login attempts older than 30 days',
    query: sql`delete from login_attempts where created_at < now() - interval '30 days'`,
  },
];

async function purgeExpired(db: Kysely<DB>, report: MaintenanceReport) {
  const parts: string[] = [];
  for (const purge of PURGES) {
    const result = await purge.query.execute(db);
    parts.push(`${Number(result.numAffectedRows ?? 0)} ${purge.label}`);
  }
  report.lines.push(`purged: ${parts.join(', ')}`);
}

/** The yearly partition of messages (not the default one) whose range holds `from`, if any. */
async function partitionReceiving(db: Kysely<DB>, from: string): Promise<string | undefined> {
  const covered = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    join pg_class p on p.oid = i.inhparent
    where p.relname = 'messages'
      and pg_get_expr(c.relpartbound, c.oid) !~ 'DEFAULT'
      and ${from}::timestamptz >= (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz
      and ${from}::timestamptz < (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz`.execute(
    db,
  );
  return covered.rows[0]?.name;
}

/**
 * Messages are range-partitioned by year (messaging migration): next year's partition must exist
 * before the first message of January, or messages land in the default partition and the yearly one
 * can no longer be attached. The messaging module owns the partition naming; this checks the result.
 */
async function ensureMessagePartition(db: Kysely<DB>, report: MaintenanceReport, now: Date) {
  const existing = await partitionReceiving(db, `${now.getUTCFullYear() + 1}-01-01`);
  const year = await ensureNextMessagePartition(db, now);
  const covering = await partitionReceiving(db, `${year}-01-01`);
  if (!covering) report.problems.push(`no partition of messages receives ${year}-01-01 after ensuring it`);
  else if (existing) report.lines.push(`message partitions: ${year} covered by ${covering}`);
  else report.lines.push(`message partitions: created ${covering} for ${year}`);
}

function lastBackup(backupDir: string, report: MaintenanceReport, now: Date) {
  const last = readLastSuccess(backupDir);
  if (!last) {
    report.lines.push(`last backup: none recorded in ${backupDir}`);
    return;
  }
  const ageHours = (now.getTime() / 1000 - last.timestampSeconds) / 3600;
  report.lines.push(`last backup: ${last.name} (${ageHours.toFixed(1)} h ago)`);
  if (ageHours > BACKUP_MAX_AGE_HOURS)
    report.problems.push(`the last backup is older than ${BACKUP_MAX_AGE_HOURS} h`);
}

export async function runDailyMaintenance(
  db: Kysely<DB>,
  options: { backupDir: string; now: Date },
): Promise<MaintenanceReport> {
  const report: MaintenanceReport = { lines: [], problems: [] };
  await databaseSize(db, report);
  await recentErrors(db, report);
  await purgeExpired(db, report);
  await ensureMessagePartition(db, report, options.now);
  lastBackup(options.backupDir, report, options.now);
  return report;
}

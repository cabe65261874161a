import fs from 'node:fs';
import path from 'node:path';

export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'SHA256SUMS';
export const LAST_SUCCESS_FILE = 'last-success.json';
export const FILES_ARCHIVE = 'files.tar.gz';
export const DATABASE_FILES = { server: 'database.pgdump', embedded: 'database.tar.gz' } as const;

export class BackupError extends Error {
  override name = 'BackupError';
}

/** Written last: a backup directory without a readable manifest is incomplete and ignored. */
export type Manifest = {
  format: 1;
  name: string;
  createdAt: string;
  engine: 'embedded' | 'server';
  appVersion: string;
  postgresVersion: string;
  /** Highest applied migration when the backup was taken; a restore migrates forward from it. */
  schemaVersion: number | null;
  database: { file: string; format: 'pg_dump-custom' | 'pglite-datadir-tar-gz' };
  uploadedFiles: { file: string; count: number; bytes: number };
  /** Row count of every table, recorded in the same snapshot as the dump. */
  tables: Record<string, number>;
  checksums: Record<string, { sha256: string; bytes: number }>;
  durationMs: number;
};

export type BackupEntry = { name: string; dir: string; manifest: Manifest };

export type LastSuccess = { name: string; completedAt: string; timestampSeconds: number };

const NAME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z$/;

/** `2026-11-25T03-00-00Z`: sorts by time, safe in file names and S3 keys, typed easily. */
export function backupName(date: Date): string {
  return `${date.toISOString().slice(0, 19).replaceAll(':', '-')}Z`;
}

export function readManifest(dir: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, MANIFEST_FILE), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
}

/** Complete backups, oldest first. */
export function listBackups(backupDir: string): BackupEntry[] {
  if (!fs.existsSync(backupDir)) return [];
  return fs
    .readdirSync(backupDir)
    .filter((name) => NAME_PATTERN.test(name))
    .sort()
    .flatMap((name) => {
      const dir = path.join(backupDir, name);
      const manifest = readManifest(dir);
      return manifest ? [{ name, dir, manifest }] : [];
    });
}

/**
 * A backup by its full name, or the latest one whose name starts with `query` (a date such as
 * `2026-11-24`, or a date and hour): operators restore "the backup of the 24th".
 */
export function findBackup(backupDir: string, query: string | undefined): BackupEntry | undefined {
  const all = listBackups(backupDir);
  if (!query) return all.at(-1);
  return all.filter((entry) => entry.name.startsWith(query)).at(-1);
}

export function writeLastSuccess(backupDir: string, manifest: Manifest, completedAt: Date): LastSuccess {
  const record: LastSuccess = {
    name: manifest.name,
    completedAt: completedAt.toISOString(),
    timestampSeconds: Math.floor(completedAt.getTime() / 1000),
  };
  const file = path.join(backupDir, LAST_SUCCESS_FILE);
  fs.writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  fs.renameSync(`${file}.tmp`, file);
  return record;
}

/**
 * The last fully successful backup (local copy, upload, retention), for the maintenance report
 * and for the metric `ft_backup_last_success_timestamp_seconds`.
 */
export function readLastSuccess(backupDir: string): LastSuccess | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(backupDir, LAST_SUCCESS_FILE), 'utf8')) as LastSuccess;
  } catch {
    return undefined;
  }
}

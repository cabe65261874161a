import path from 'node:path';
import { z } from 'zod';
import type { S3Destination } from '../platform/backup/s3';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const BACKUP_SCHEDULES = ['off', 'hourly', 'daily', 'weekly'] as const;
export type BackupSchedule = (typeof BACKUP_SCHEDULES)[number];

/** Backups, restore and maintenance: read with the rest of the environment by `loadConfig`. */
export const operationsEnvSchema = z.object({
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_SCHEDULE: z.enum(BACKUP_SCHEDULES).optional(),
  BACKUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
  BACKUP_RETENTION_MIN_COUNT: z.coerce.number().int().min(1).max(1000).default(7),
  BACKUP_S3_BUCKET: z.string().min(3).optional(),
  BACKUP_S3_PREFIX: z.string().default('financialtracker/'),
  BACKUP_S3_REGION: z.string().min(1).default('us-east-1'),
  BACKUP_S3_ENDPOINT: z.url().optional(),
  BACKUP_S3_FORCE_PATH_STYLE: booleanFromEnv.optional(),
  BACKUP_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  BACKUP_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  PG_BIN_DIR: z.string().min(1).optional(),
  LOG_DIR: z.string().min(1).optional(),
  LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(7),
});

export type OperationsConfig = {
  backupDir: string;
  backupSchedule: BackupSchedule;
  retention: { days: number; minCount: number };
  s3: S3Destination | undefined;
  /** Where pg_dump / pg_restore live when not on PATH. */
  pgBinDir: string | undefined;
  logDir: string | undefined;
  logRetentionDays: number;
};

export function toOperationsConfig(
  e: z.infer<typeof operationsEnvSchema>,
  dataDir: string,
  databaseKind: 'embedded' | 'server',
): OperationsConfig {
  const credentials =
    e.BACKUP_S3_ACCESS_KEY_ID && e.BACKUP_S3_SECRET_ACCESS_KEY
      ? { accessKeyId: e.BACKUP_S3_ACCESS_KEY_ID, secretAccessKey: e.BACKUP_S3_SECRET_ACCESS_KEY }
      : undefined;
  return {
    backupDir: path.resolve(e.BACKUP_DIR ?? path.join(dataDir, 'backups')),
    // The embedded engine can only be dumped by the process that owns it, so it backs itself up
    // by default; a server is usually backed up by its own tooling unless asked.
    backupSchedule: e.BACKUP_SCHEDULE ?? (databaseKind === 'server' ? 'off' : 'daily'),
    retention: { days: e.BACKUP_RETENTION_DAYS, minCount: e.BACKUP_RETENTION_MIN_COUNT },
    s3: e.BACKUP_S3_BUCKET
      ? {
          bucket: e.BACKUP_S3_BUCKET,
          prefix: e.BACKUP_S3_PREFIX,
          region: e.BACKUP_S3_REGION,
          endpoint: e.BACKUP_S3_ENDPOINT,
          // S3-compatible servers (MinIO, Garage, Ceph…) usually want path-style addressing.
          forcePathStyle: e.BACKUP_S3_FORCE_PATH_STYLE ?? e.BACKUP_S3_ENDPOINT !== undefined,
          credentials,
        }
      : undefined,
    pgBinDir: e.PG_BIN_DIR,
    logDir: e.LOG_DIR ? path.resolve(e.LOG_DIR) : undefined,
    logRetentionDays: e.LOG_RETENTION_DAYS,
  };
}

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';

describe('operations configuration', () => {
  it('backs up the embedded database daily into DATA_DIR/backups by default', () => {
    const { operations } = loadConfig({ DATA_DIR: '/srv/ft' });
    expect(operations).toMatchObject({
      backupDir: path.resolve('/srv/ft/backups'),
      backupSchedule: 'daily',
      retention: { days: 14, minCount: 7 },
      s3: undefined,
      logRetentionDays: 7,
    });
  });

  it('leaves a server to its own backups unless BACKUP_SCHEDULE is set', () => {
    const url = 'postgres://u@db/ft';
    expect(loadConfig({ DATABASE_URL: url }).operations.backupSchedule).toBe('off');
    expect(loadConfig({ DATABASE_URL: url, BACKUP_SCHEDULE: 'hourly' }).operations.backupSchedule).toBe(
      'hourly',
    );
  });

  it('uses path-style addressing for an S3-compatible endpoint', () => {
    const { operations } = loadConfig({
      BACKUP_S3_BUCKET: 'ft-backups',
      BACKUP_S3_ENDPOINT: 'http://minio:9000',
      BACKUP_S3_ACCESS_KEY_ID: 'key',
      BACKUP_S3_SECRET_ACCESS_KEY: 'secret',
    });
    expect(operations.s3).toMatchObject({
      bucket: 'ft-backups',
      prefix: 'financialtracker/',
      forcePathStyle: true,
      credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ BACKUP_SCHEDULE: 'monthly' })).toThrow(/BACKUP_SCHEDULE/);
    expect(() => loadConfig({ BACKUP_RETENTION_DAYS: '0' })).toThrow(/BACKUP_RETENTION_DAYS/);
    expect(() => loadConfig({ BACKUP_S3_ENDPOINT: 'minio' })).toThrow(/BACKUP_S3_ENDPOINT/);
  });
});

import { describe, expect, it } from 'vitest';
import { type BackupEntry, backupName, type Manifest } from './layout';
import { expiredBackups } from './retention';

const DAY = 24 * 3600 * 1000;
const now = new Date('2026-11-25T03:00:00Z');

function entriesAged(days: number[]): BackupEntry[] {
  return days
    .map((age) => new Date(now.getTime() - age * DAY))
    .sort((a, b) => a.getTime() - b.getTime())
    .map((date) => ({
      name: backupName(date),
      dir: `/backups/${backupName(date)}`,
      manifest: { createdAt: date.toISOString() } as Manifest,
    }));
}

describe('retention', () => {
  it('removes backups older than the retention period', () => {
    const entries = entriesAged([0, 1, 2, 15, 20]);
    const expired = expiredBackups(entries, { days: 14, minCount: 2 }, now);
    expect(expired.map((e) => e.name)).toEqual([
      backupName(new Date(now.getTime() - 20 * DAY)),
      backupName(new Date(now.getTime() - 15 * DAY)),
    ]);
  });

  it('always keeps the newest N, however old', () => {
    const entries = entriesAged([30, 40, 50, 60]);
    const expired = expiredBackups(entries, { days: 14, minCount: 3 }, now);
    expect(expired.map((e) => e.name)).toEqual([backupName(new Date(now.getTime() - 60 * DAY))]);
  });

  it('names backups by UTC time, sortable and safe in paths', () => {
    expect(backupName(new Date('2026-01-02T03:04:05.678Z'))).toBe('2026-01-02T03-04-05Z');
  });
});

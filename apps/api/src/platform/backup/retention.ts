import fs from 'node:fs';
import path from 'node:path';
import { type BackupEntry, listBackups } from './layout';

export type RetentionPolicy = { days: number; minCount: number };

const DAY_MS = 24 * 3600 * 1000;

/** Backups older than `days`, except that the newest `minCount` are always kept. */
export function expiredBackups(entries: BackupEntry[], policy: RetentionPolicy, now: Date): BackupEntry[] {
  const keptByCount = new Set(entries.slice(-policy.minCount).map((entry) => entry.name));
  const limit = now.getTime() - policy.days * DAY_MS;
  return entries.filter(
    (entry) => !keptByCount.has(entry.name) && new Date(entry.manifest.createdAt).getTime() < limit,
  );
}

/** Applies the policy to the local directory; also clears partial directories a crash left. */
export function applyRetention(backupDir: string, policy: RetentionPolicy, now: Date): string[] {
  const removed = expiredBackups(listBackups(backupDir), policy, now);
  for (const entry of removed) fs.rmSync(entry.dir, { recursive: true, force: true });
  for (const name of fs.readdirSync(backupDir)) {
    const full = path.join(backupDir, name);
    if (name.endsWith('.partial') && fs.statSync(full).mtimeMs < now.getTime() - DAY_MS) {
      fs.rmSync(full, { recursive: true, force: true });
    }
  }
  return removed.map((entry) => entry.name);
}

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import type { Config } from '../config';
import type { DB } from '../database';
import { MIGRATIONS_DIR } from '../paths';
import { createBackup } from '../platform/backup/create';
import {
  type BackupEntry,
  BackupError,
  backupName,
  findBackup,
  listBackups,
} from '../platform/backup/layout';
import { restoreBackup } from '../platform/backup/restore';
import { countRows } from '../platform/backup/row-counts';
import { openDatabase } from '../platform/db/database';
import { applyMigrations, migrationStatus } from '../platform/db/migrate';

function describe(entry: BackupEntry): string {
  const { manifest } = entry;
  const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0);
  const bytes = Object.values(manifest.checksums).reduce((sum, file) => sum + file.bytes, 0);
  return `${entry.name}  ${manifest.engine.padEnd(8)}  schema ${String(manifest.schemaVersion ?? '-').padStart(4)}  ${String(rows).padStart(8)} rows  ${String(manifest.uploadedFiles.count).padStart(5)} files  ${(bytes / 1024 / 1024).toFixed(1).padStart(7)} MB  app ${manifest.appVersion}`;
}

function listCommand(config: Config): number {
  const backups = listBackups(config.operations.backupDir);
  if (backups.length === 0) {
    process.stdout.write(`No backup in ${config.operations.backupDir}.\n`);
    return 0;
  }
  process.stdout.write(`Backups in ${config.operations.backupDir} (oldest first):\n`);
  for (const entry of backups) process.stdout.write(`  ${describe(entry)}\n`);
  process.stdout.write('Restore one with `npm run restore -- <name or date, e.g. 2026-11-24>`.\n');
  return 0;
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^(y|yes|o|oui)$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** A copy of what is about to be replaced: a restore of the wrong date can itself be undone. */
async function safetyBackup(config: Config): Promise<string> {
  if (config.database.kind !== 'server') throw new Error('only a server needs a safety backup');
  const database = await openDatabase<DB>(config.database);
  try {
    const result = await createBackup({
      db: database.db,
      source: { kind: 'server', url: config.database.url, pgBinDir: config.operations.pgBinDir },
      filesDir: config.filesDir,
      backupDir: config.operations.backupDir,
      appVersion: config.version,
      retention: config.operations.retention,
      s3: undefined,
    });
    return result.entry.name;
  } finally {
    await database.close();
  }
}

/** Migrations forward from the backup's schema, then the readiness check the API itself uses. */
async function migrateAndCheck(config: Config): Promise<void> {
  const database = await openDatabase<DB>(
    config.database.kind === 'embedded'
      ? { kind: 'embedded', dataDir: config.database.dataDir }
      : config.database,
  );
  try {
    const applied = await applyMigrations(database.db, MIGRATIONS_DIR, (name) =>
      process.stdout.write(`  applied ${name}\n`),
    );
    await database.ping();
    const status = await migrationStatus(database.db, MIGRATIONS_DIR);
    const tables = await countRows(database.db);
    process.stdout.write(
      `Ready: the database answers, ${applied.length} migration(s) applied, ${status.applied.length} applied in all, ` +
        `${status.pending.length} pending, ${tables.users ?? 0} users.\n`,
    );
  } finally {
    await database.close();
  }
}

export async function restoreCommand(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { yes: { type: 'boolean', short: 'y' }, 'skip-safety-backup': { type: 'boolean' } },
  });
  const query = positionals[0];
  if (!query) return listCommand(config);
  const entry = findBackup(config.operations.backupDir, query);
  if (!entry) {
    process.stderr.write(`No backup matching ${query}. Run \`npm run restore\` to list them.\n`);
    return 1;
  }
  const target =
    config.database.kind === 'embedded'
      ? `the embedded database in ${path.dirname(config.database.dataDir)}`
      : `the PostgreSQL database ${new URL(config.database.url).pathname.slice(1)} on ${new URL(config.database.url).host}`;
  process.stdout.write(`About to restore:\n  ${describe(entry)}\ninto ${target} and ${config.filesDir}.\n`);
  if (!values.yes && !(await confirm('This replaces the current database and files. Continue?'))) {
    process.stderr.write(
      process.stdin.isTTY
        ? 'Cancelled; nothing was changed.\n'
        : 'Not confirmed: pass --yes to restore without a prompt.\n',
    );
    return 1;
  }

  const asideDir = path.join(config.dataDir, `before-restore-${backupName(new Date())}`);
  await restoreBackup(entry, {
    target:
      config.database.kind === 'embedded'
        ? { kind: 'embedded', pgDir: config.database.dataDir }
        : { kind: 'server', url: config.database.url, pgBinDir: config.operations.pgBinDir },
    filesDir: config.filesDir,
    asideDir,
    beforeReplace: async () => {
      if (config.database.kind !== 'server') return;
      process.stdout.write('Stop every API instance first: requests during the restore would be lost.\n');
      if (values['skip-safety-backup']) return;
      const name = await safetyBackup(config).catch((error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        throw new BackupError(
          `The safety backup of the current database failed (${reason}); nothing was changed. ` +
            'If the current database is beyond saving, run again with --skip-safety-backup.',
        );
      });
      process.stdout.write(`Safety backup of the current database: ${name}\n`);
    },
  });
  process.stdout.write(`Restored ${entry.name}.\n`);
  if (fs.existsSync(asideDir)) {
    process.stdout.write(`What it replaced is kept in ${asideDir}: remove it once satisfied.\n`);
  }
  await migrateAndCheck(config);
  return 0;
}

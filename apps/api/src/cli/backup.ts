import type { Config } from '../config';
import type { DB } from '../database';
import { createBackup } from '../platform/backup/create';
import { listBackups, readLastSuccess } from '../platform/backup/layout';
import type { ServerTarget } from '../platform/backup/scratch';
import { verifyBackup } from '../platform/backup/verify';
import { DataDirInUseError } from '../platform/db/data-dir-lock';
import { openDatabase } from '../platform/db/database';

export function serverTarget(config: Config): ServerTarget | undefined {
  return config.database.kind === 'server'
    ? { url: config.database.url, pgBinDir: config.operations.pgBinDir }
    : undefined;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The running server owns the embedded database; say what to do rather than only that it failed.
 */
function embeddedInUse(config: Config, error: DataDirInUseError): number {
  const last = readLastSuccess(config.operations.backupDir);
  const schedule = config.operations.backupSchedule;
  process.stderr.write(
    `${error.message}\n` +
      'A backup of the embedded database is taken by the process that owns it. Either stop the server and run ' +
      "`npm run backup` again, or rely on the server's scheduled backup job " +
      `(BACKUP_SCHEDULE=${schedule}${schedule === 'off' ? ': turned off' : ''}; ` +
      `last success: ${last ? `${last.name}, ${last.completedAt}` : 'none recorded'}).\n`,
  );
  return 1;
}

export async function backupCommand(config: Config): Promise<number> {
  const database = await openDatabase<DB>(
    config.database.kind === 'embedded'
      ? { kind: 'embedded', dataDir: config.database.dataDir }
      : config.database,
  ).catch((error: unknown) => {
    if (error instanceof DataDirInUseError) return error;
    throw error;
  });
  if (database instanceof DataDirInUseError) return embeddedInUse(config, database);
  try {
    const { operations } = config;
    const source =
      config.database.kind === 'server'
        ? ({ kind: 'server', url: config.database.url, pgBinDir: operations.pgBinDir } as const)
        : database.embedded
          ? ({ kind: 'embedded', engine: database.embedded } as const)
          : undefined;
    if (!source) throw new Error('no database to back up');
    const result = await createBackup({
      db: database.db,
      source,
      filesDir: config.filesDir,
      backupDir: operations.backupDir,
      appVersion: config.version,
      retention: operations.retention,
      s3: operations.s3,
    });
    const { manifest, dir } = result.entry;
    const size = Object.values(manifest.checksums).reduce((sum, file) => sum + file.bytes, 0);
    const rows = Object.values(manifest.tables).reduce((sum, count) => sum + count, 0);
    process.stdout.write(
      `Backup ${manifest.name} written to ${dir} (${megabytes(size)}): ` +
        `${Object.keys(manifest.tables).length} tables, ${rows} rows, ${manifest.uploadedFiles.count} files.\n`,
    );
    for (const [name, file] of Object.entries(manifest.checksums)) {
      process.stdout.write(`  ${name}  sha256 ${file.sha256}\n`);
    }
    if (result.uploadedKeys.length > 0) {
      process.stdout.write(
        `Uploaded to s3://${operations.s3?.bucket}/${operations.s3?.prefix}${manifest.name}/\n`,
      );
    }
    if (result.removed.length > 0) {
      process.stdout.write(`Retention removed: ${result.removed.join(', ')}\n`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

export async function verifyCommand(config: Config, args: string[]): Promise<number> {
  const backups = listBackups(config.operations.backupDir);
  const query = args[0];
  const entry = query ? backups.filter((b) => b.name.startsWith(query)).at(-1) : backups.at(-1);
  if (!entry) {
    process.stderr.write(
      query
        ? `No backup matching ${query} in ${config.operations.backupDir}.\n`
        : `No backup in ${config.operations.backupDir}: run \`npm run backup\` first.\n`,
    );
    return 1;
  }
  process.stdout.write(`Verifying ${entry.name} (${entry.manifest.engine}) in a scratch database…\n`);
  const report = await verifyBackup(entry, serverTarget(config));
  if (report.corruptFiles.length > 0) {
    process.stderr.write(
      `Checksum mismatch: ${report.corruptFiles.join(', ')}. This backup cannot be trusted.\n`,
    );
    return 1;
  }
  for (const mismatch of report.tableMismatches) {
    process.stderr.write(
      `  ${mismatch.table}: ${mismatch.expected ?? 'absent'} rows in the manifest, ${mismatch.actual ?? 'absent'} restored\n`,
    );
  }
  if (report.files.actual !== report.files.expected) {
    process.stderr.write(
      `  files: ${report.files.expected} in the manifest, ${report.files.actual} in the archive\n`,
    );
  }
  process.stdout.write(
    report.ok
      ? `OK: checksums match, ${report.tablesChecked} tables restored with the recorded row counts, ${report.files.actual} files.\n`
      : `FAILED: ${report.tableMismatches.length} table(s) differ from the manifest.\n`,
  );
  return report.ok ? 0 : 1;
}

import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { type Kysely, sql } from 'kysely';
import { checksumFiles, formatSums } from './checksums';
import { archiveFiles } from './files-archive';
import {
  type BackupEntry,
  BackupError,
  backupName,
  DATABASE_FILES,
  FILES_ARCHIVE,
  type LastSuccess,
  MANIFEST_FILE,
  type Manifest,
  SUMS_FILE,
  writeLastSuccess,
} from './layout';
import { resolvePgTool, runPgTool, serverMajorVersion } from './pg-tools';
import { applyRetention, type RetentionPolicy } from './retention';
import { countRows, schemaVersion } from './row-counts';
import { type S3Destination, uploadBackup } from './s3';

// biome-ignore lint/suspicious/noExplicitAny: backs up any schema.
type AnyDb = Kysely<any>;

export type BackupSource =
  | { kind: 'server'; url: string; pgBinDir: string | undefined }
  | { kind: 'embedded'; engine: PGlite };

export type CreateBackupOptions = {
  /** The owner's connection: row counts and the schema version are read through it. */
  db: AnyDb;
  source: BackupSource;
  filesDir: string;
  backupDir: string;
  appVersion: string;
  retention: RetentionPolicy;
  s3: S3Destination | undefined;
  now?: Date;
};

export type BackupResult = {
  entry: BackupEntry;
  lastSuccess: LastSuccess;
  removed: string[];
  uploadedKeys: string[];
};

async function postgresVersion(db: AnyDb): Promise<string> {
  const result = await sql<{ version: string }>`select current_setting('server_version') as version`.execute(
    db,
  );
  return result.rows[0]?.version ?? 'unknown';
}

/**
 * pg_dump runs on a snapshot exported by a repeatable-read transaction that also counts the rows,
 * so the counts in the manifest describe exactly the data in the dump.
 */
async function dumpServer(db: AnyDb, source: { url: string; pgBinDir: string | undefined }, file: string) {
  const pgDump = await resolvePgTool('pg_dump', await serverMajorVersion(db), source.pgBinDir);
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const exported = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
      const snapshot = exported.rows[0]?.id;
      if (!snapshot) throw new BackupError('PostgreSQL did not export a snapshot');
      const tables = await countRows(trx);
      await runPgTool(
        pgDump,
        ['--format=custom', '--compress=6', `--snapshot=${snapshot}`, `--file=${file}`],
        source.url,
      );
      return tables;
    });
}

/**
 * The caller holds the embedded engine's only connection (a job, or the CLI that opened it), so
 * nothing writes between the counts and the dump of the data directory.
 */
async function dumpEmbedded(db: AnyDb, engine: PGlite, file: string) {
  const tables = await countRows(db);
  const archive = await engine.dumpDataDir('gzip');
  fs.writeFileSync(file, Buffer.from(await archive.arrayBuffer()));
  return tables;
}

/**
 * Writes `<backupDir>/<timestamp>/` (database dump, files archive, SHA256SUMS, manifest) through a
 * `.partial` directory renamed at the end, then uploads it when S3 is configured, records the
 * success time and applies the retention policy.
 */
export async function createBackup(options: CreateBackupOptions): Promise<BackupResult> {
  let startedAt = options.now ?? new Date();
  // Names have one-second resolution: a backup right after another (the safety backup a restore
  // takes, a scheduled one next to a manual one) waits for the next second rather than failing.
  if (!options.now && fs.existsSync(path.join(options.backupDir, backupName(startedAt)))) {
    await new Promise((resolve) => setTimeout(resolve, 1000 - startedAt.getMilliseconds()));
    startedAt = new Date();
  }
  const name = backupName(startedAt);
  const finalDir = path.join(options.backupDir, name);
  if (fs.existsSync(finalDir))
    throw new BackupError(`A backup named ${name} already exists in ${options.backupDir}.`);
  const partialDir = path.join(options.backupDir, `.${name}.partial`);
  fs.rmSync(partialDir, { recursive: true, force: true });
  fs.mkdirSync(partialDir, { recursive: true });

  let manifest: Manifest;
  try {
    const { source, db } = options;
    const databaseFile = DATABASE_FILES[source.kind];
    const tables =
      source.kind === 'server'
        ? await dumpServer(db, source, path.join(partialDir, databaseFile))
        : await dumpEmbedded(db, source.engine, path.join(partialDir, databaseFile));
    // Files after the database: every file a restored row points to is then in the archive.
    const files = await archiveFiles(options.filesDir, path.join(partialDir, FILES_ARCHIVE));
    const checksums = await checksumFiles(partialDir, [databaseFile, FILES_ARCHIVE]);
    fs.writeFileSync(path.join(partialDir, SUMS_FILE), formatSums(checksums));
    manifest = {
      format: 1,
      name,
      createdAt: startedAt.toISOString(),
      engine: source.kind,
      appVersion: options.appVersion,
      postgresVersion: await postgresVersion(db),
      schemaVersion: await schemaVersion(db),
      database: {
        file: databaseFile,
        format: source.kind === 'server' ? 'pg_dump-custom' : 'pglite-datadir-tar-gz',
      },
      uploadedFiles: { file: FILES_ARCHIVE, count: files.count, bytes: files.bytes },
      tables,
      checksums,
      durationMs: Date.now() - startedAt.getTime(),
    };
    fs.writeFileSync(path.join(partialDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
    fs.renameSync(partialDir, finalDir);
  } catch (error) {
    fs.rmSync(partialDir, { recursive: true, force: true });
    throw error;
  }

  const entry: BackupEntry = { name, dir: finalDir, manifest };
  const uploadedKeys = options.s3 ? await uploadBackup(entry, options.s3) : [];
  const lastSuccess = writeLastSuccess(options.backupDir, manifest, new Date());
  const removed = applyRetention(options.backupDir, options.retention, startedAt);
  return { entry, lastSuccess, removed, uploadedKeys };
}

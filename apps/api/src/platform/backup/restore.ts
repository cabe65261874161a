import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { acquireDataDirLock } from '../db/data-dir-lock';
import { openDatabase } from '../db/database';
import { findCorruptFiles } from './checksums';
import { extractFiles } from './files-archive';
import { type BackupEntry, BackupError } from './layout';
import { pgRestoreInto } from './scratch';

export type RestoreTarget =
  | { kind: 'server'; url: string; pgBinDir: string | undefined }
  | { kind: 'embedded'; pgDir: string };

export type RestoreOptions = {
  target: RestoreTarget;
  filesDir: string;
  /** Where the replaced embedded data directory and files are moved (kept until an operator removes them). */
  asideDir: string;
  /** Runs once the backup is known good, before anything is replaced (the CLI's safety backup). */
  beforeReplace?: () => Promise<void>;
};

const LOCK_FILE = 'owner.lock';

function move(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.cpSync(from, to, { recursive: true });
    fs.rmSync(from, { recursive: true, force: true });
  }
}

/**
 * Replaces the embedded data directory while holding its owner lock, so a server cannot start on
 * it half-way. The archive is loaded by PGlite into a staging directory first: a bad archive fails
 * before anything current is touched.
 */
async function restoreEmbedded(archive: string, pgDir: string, asideDir: string): Promise<void> {
  const release = acquireDataDirLock(pgDir);
  const staging = `${pgDir}.restoring`;
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    const engine = await PGlite.create({
      dataDir: staging,
      loadDataDir: new Blob([fs.readFileSync(archive)]),
    });
    await engine.close();
    // The archive carries the lock file of the process that dumped it.
    fs.rmSync(path.join(staging, LOCK_FILE), { force: true });
    for (const name of fs.readdirSync(pgDir)) {
      if (name !== LOCK_FILE) move(path.join(pgDir, name), path.join(asideDir, 'pg', name));
    }
    for (const name of fs.readdirSync(staging)) move(path.join(staging, name), path.join(pgDir, name));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    release();
  }
}

/**
 * Empties the public schema and restores the dump in one transaction. Everything the dump does not
 * contain (tables of a migration being rolled back) goes too, so the schema is exactly the backup's.
 */
async function restoreServer(archive: string, target: { url: string; pgBinDir: string | undefined }) {
  const database = await openDatabase({ kind: 'server', url: target.url, poolSize: 1 });
  try {
    await sql`drop schema if exists public cascade`.execute(database.db);
    await sql`create schema public`.execute(database.db);
    await pgRestoreInto(database.db, archive, target);
  } finally {
    await database.close();
  }
}

async function restoreFiles(archive: string, filesDir: string, asideDir: string): Promise<void> {
  const staging = `${filesDir}.restoring`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    await extractFiles(archive, staging);
    if (fs.existsSync(filesDir)) move(filesDir, path.join(asideDir, 'files'));
    move(staging, filesDir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Puts the database and the stored files back as they were when `entry` was taken. */
export async function restoreBackup(entry: BackupEntry, options: RestoreOptions): Promise<void> {
  const { manifest } = entry;
  const corrupt = await findCorruptFiles(entry.dir, manifest);
  if (corrupt.length > 0) {
    throw new BackupError(
      `Backup ${entry.name} is damaged (checksum mismatch: ${corrupt.join(', ')}); nothing was changed.`,
    );
  }
  if (manifest.engine !== options.target.kind) {
    throw new BackupError(
      `Backup ${entry.name} comes from the ${manifest.engine} database; it cannot be restored into the ${options.target.kind} one.`,
    );
  }
  await options.beforeReplace?.();
  const archive = path.join(entry.dir, manifest.database.file);
  if (options.target.kind === 'embedded') {
    await restoreEmbedded(archive, options.target.pgDir, options.asideDir);
  } else {
    await restoreServer(archive, options.target);
  }
  await restoreFiles(path.join(entry.dir, manifest.uploadedFiles.file), options.filesDir, options.asideDir);
}

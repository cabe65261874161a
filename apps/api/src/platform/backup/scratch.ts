import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../db/database';
import { type BackupEntry, BackupError } from './layout';
import { databaseUrlFor, resolvePgTool, runPgTool, serverMajorVersion } from './pg-tools';

// biome-ignore lint/suspicious/noExplicitAny: any schema.
type AnyDb = Kysely<any>;

export type ServerTarget = { url: string; pgBinDir: string | undefined };

/**
 * Restores a pg_dump archive into the database at `url`, which must be empty of our objects:
 * `--single-transaction` makes it all or nothing, `--no-owner` lets another user own the copy.
 * The role the policies name is cluster-wide, so it is created first when this cluster lacks it.
 */
export async function pgRestoreInto(db: AnyDb, archive: string, target: ServerTarget): Promise<void> {
  const pgRestore = await resolvePgTool('pg_restore', await serverMajorVersion(db), target.pgBinDir);
  await sql`do $$ begin
    if not exists (select 1 from pg_roles where rolname = 'app_user') then
      create role app_user nologin nosuperuser noinherit nobypassrls;
    end if;
  end $$`.execute(db);
  const database = decodeURIComponent(new URL(target.url).pathname.slice(1));
  await runPgTool(
    pgRestore,
    ['--no-owner', '--exit-on-error', '--single-transaction', `--dbname=${database}`, archive],
    target.url,
  );
}

/**
 * Opens a throw-away copy of a backup's database, runs `use`, and removes the copy: a temporary
 * database on the server (created and dropped), an in-memory engine for an embedded backup.
 */
export async function withScratchCopy<T>(
  entry: BackupEntry,
  server: ServerTarget | undefined,
  use: (db: AnyDb) => Promise<T>,
): Promise<T> {
  const archive = path.join(entry.dir, entry.manifest.database.file);
  if (entry.manifest.engine === 'embedded') {
    const copy = await openDatabase({
      kind: 'embedded',
      dataDir: undefined,
      loadFrom: new Blob([fs.readFileSync(archive)]),
    });
    try {
      return await use(copy.db);
    } finally {
      await copy.close();
    }
  }
  if (!server) {
    throw new BackupError(
      `Backup ${entry.name} is a PostgreSQL server dump: set DATABASE_URL to a server where a temporary database can be created.`,
    );
  }
  const scratchName = `ft_scratch_${randomBytes(6).toString('hex')}`;
  const admin = await openDatabase({ kind: 'server', url: server.url, poolSize: 1 });
  try {
    await sql`create database ${sql.id(scratchName)}`.execute(admin.db);
    const scratchUrl = databaseUrlFor(server.url, scratchName);
    // A pool of our own with an error listener: dropping the database `with (force)` may reach a
    // connection that is still closing, which would otherwise crash the process.
    const pool = new pg.Pool({ connectionString: scratchUrl, max: 1 });
    pool.on('error', () => {});
    const scratch = new Kysely({ dialect: new PostgresDialect({ pool }) });
    try {
      await pgRestoreInto(scratch, archive, { url: scratchUrl, pgBinDir: server.pgBinDir });
      return await use(scratch);
    } finally {
      await scratch.destroy();
    }
  } finally {
    await sql`drop database if exists ${sql.id(scratchName)} with (force)`.execute(admin.db);
    await admin.close();
  }
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';

export type MigrationFile = { version: number; name: string; checksum: string; sql: string };
export type MigrationStatus = {
  applied: { version: number; name: string; appliedAt: Date }[];
  pending: { version: number; name: string }[];
};

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;
// Arbitrary constant shared by every instance so that only one applies migrations at a time.
const MIGRATION_LOCK_KEY = 7_420_001;

export function readMigrationFiles(dir: string): MigrationFile[] {
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort();
  const seen = new Set<number>();
  return files.map((name) => {
    const match = FILE_PATTERN.exec(name);
    if (!match?.[1])
      throw new MigrationError(`Migration file name ${name} must look like 0001_what_it_does.sql`);
    const version = Number(match[1]);
    if (seen.has(version)) throw new MigrationError(`Two migration files share the number ${match[1]}`);
    seen.add(version);
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    return { version, name, sql: text, checksum: createHash('sha256').update(text).digest('hex') };
  });
}

type AppliedRow = { version: number; name: string; checksum: string; applied_at: Date };

// biome-ignore lint/suspicious/noExplicitAny: the runner works on any schema.
type AnyDb = Kysely<any>;

async function ensureTable(db: AnyDb): Promise<void> {
  await sql`create table if not exists schema_migrations (
    version integer primary key,
    name text not null,
    checksum text not null,
    applied_at timestamptz not null default now()
  )`.execute(db);
}

async function readApplied(db: AnyDb): Promise<AppliedRow[]> {
  const result = await sql<AppliedRow>`
    select version, name, checksum, applied_at from schema_migrations order by version`.execute(db);
  return result.rows;
}

/** Refuses a history where an applied file changed or vanished: migrations are forward-only. */
function compare(files: MigrationFile[], applied: AppliedRow[]): MigrationFile[] {
  const byVersion = new Map(files.map((file) => [file.version, file]));
  for (const row of applied) {
    const file = byVersion.get(row.version);
    if (!file) {
      throw new MigrationError(
        `Migration ${row.name} is applied in the database but its file is missing; this build is older than the database.`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${file.name} was changed after it was applied (checksum mismatch). Migrations are forward-only: restore the file and add a new one.`,
      );
    }
  }
  const appliedVersions = new Set(applied.map((row) => row.version));
  return files.filter((file) => !appliedVersions.has(file.version));
}

export async function migrationStatus(db: AnyDb, dir: string): Promise<MigrationStatus> {
  const files = readMigrationFiles(dir);
  const exists = await sql<{ present: boolean }>`
    select to_regclass('schema_migrations') is not null as present`.execute(db);
  const applied = exists.rows[0]?.present ? await readApplied(db) : [];
  const pending = compare(files, applied);
  return {
    applied: applied.map((row) => ({ version: row.version, name: row.name, appliedAt: row.applied_at })),
    pending: pending.map(({ version, name }) => ({ version, name })),
  };
}

/** Applies every pending migration, each in its own transaction, under a cluster-wide lock. */
export async function applyMigrations(
  db: AnyDb,
  dir: string,
  onApplied: (name: string) => void = () => {},
): Promise<string[]> {
  const files = readMigrationFiles(dir);
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(connection);
    try {
      await ensureTable(connection);
      const pending = compare(files, await readApplied(connection));
      for (const file of pending) {
        await connection.transaction().execute(async (trx) => {
          await sql.raw(file.sql).execute(trx);
          await sql`insert into schema_migrations (version, name, checksum)
            values (${file.version}, ${file.name}, ${file.checksum})`.execute(trx);
        });
        onApplied(file.name);
      }
      return pending.map((file) => file.name);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(connection);
    }
  });
}

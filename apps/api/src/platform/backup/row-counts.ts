import { type Kysely, sql } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: counts the tables of any schema.
type AnyDb = Kysely<any>;

/**
 * Rows per table of the public schema (ordinary and partitioned tables), as the owner sees them:
 * row-level security does not apply to the tables' owner, so every tenant's rows are counted.
 */
export async function countRows(db: AnyDb): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select c.relname as name from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const result = await sql<{ count: number | string }>`
      select count(*) as count from ${sql.table(`public.${name}`)}`.execute(db);
    counts[name] = Number(result.rows[0]?.count ?? 0);
  }
  return counts;
}

export type RowCountMismatch = { table: string; expected: number | null; actual: number | null };

export function compareRowCounts(
  expected: Record<string, number>,
  actual: Record<string, number>,
): RowCountMismatch[] {
  const tables = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return tables
    .filter((table) => expected[table] !== actual[table])
    .map((table) => ({ table, expected: expected[table] ?? null, actual: actual[table] ?? null }));
}

/** Highest applied migration, or null for a database that has none (empty, or destroyed). */
export async function schemaVersion(db: AnyDb): Promise<number | null> {
  const exists = await sql<{ found: boolean }>`
    select to_regclass('public.schema_migrations') is not null as found`.execute(db);
  if (!exists.rows[0]?.found) return null;
  const result = await sql<{ version: number | null }>`
    select max(version) as version from schema_migrations`.execute(db);
  return result.rows[0]?.version ?? null;
}

// The SQL the application really sends for a request, and its plan under the caller's
// row-level-security scope: `bench:scaling` explains what the services compile, not a copy that
// could drift from them (the dossier list query moves with modules/dossiers).
import type { FastifyInstance } from 'fastify';
import { CompiledQuery, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../../apps/api/src/database';
import type { DatabaseHandle } from '../../apps/api/src/platform/db/database';
import { type DbScope, withScope } from '../../apps/api/src/platform/db/scoped';

export type Explained = { text: string; executionMs: number; rowsRead: number };

/**
 * The statements one GET sent to the server through `app`. Recorded where they leave (pg's
 * `Client#query`), so statements compiled once and sent raw (`platform/db/prepared.ts`) are seen
 * as well as those Kysely builds: a Kysely plugin saw only the latter, and the dossier page,
 * compiled once since 7313ab6, went missing.
 */
async function statementsOf(app: FastifyInstance, url: string, token: string): Promise<CompiledQuery[]> {
  const recorded: CompiledQuery[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    // A statement compiled once leaves as pg's `{ name, text, values }` (platform/db/database.ts).
    const [first, second] = args;
    const { text, values } =
      typeof first === 'string'
        ? { text: first, values: second }
        : ((first ?? {}) as { text?: unknown; values?: unknown });
    if (typeof text === 'string') recorded.push(CompiledQuery.raw(text, Array.isArray(values) ? values : []));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const res = await app.inject({ url, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body}`);
  } finally {
    pg.Client.prototype.query = original;
  }
  return recorded;
}

/**
 * The largest number of rows any scan node of a plan read (rows produced plus rows its filter
 * removed, × loops), the catalogue of products joined to every dossier left out; a policy's
 * set-returning function (ProjectSet, e.g. the expert's assigned dossier ids) counts as a scan,
 * since it reads its table.
 */
function largestScan(lines: string[]): number {
  let most = 0;
  for (const [index, line] of lines.entries()) {
    if (!/Scan|ProjectSet/.test(line) || / on products\b/.test(line)) continue;
    const match = /\(actual time=[\d.]+\.\.[\d.]+ rows=(\d+) loops=(\d+)\)/.exec(line);
    if (!match) continue;
    // What the node read and threw away counts too: its own detail lines, up to the next node.
    let removed = 0;
    for (const detail of lines.slice(index + 1)) {
      if (/->/.test(detail)) break;
      const dropped = /Rows Removed by (?:Filter|Index Recheck): (\d+)/.exec(detail);
      if (dropped) removed += Number(dropped[1]);
    }
    most = Math.max(most, (Number(match[1]) + removed) * Number(match[2]));
  }
  return most;
}

/** A recorded value as an SQL literal, for `execute` (the prepared statement's types apply). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  return pg.escapeLiteral(String(value));
}

/**
 * EXPLAIN ANALYZE of one recorded statement, in a transaction scoped like the request's. When the
 * scope asks for generic plans (as the dossier list's does), the statement is prepared and the
 * plan shown is the generic one the server keeps for it: `explain execute` under
 * `force_generic_plan` (PostgreSQL 15 has no `explain (generic_plan)`).
 */
async function explainAs(
  database: DatabaseHandle<DB>,
  scope: DbScope,
  statement: CompiledQuery,
): Promise<Explained> {
  const plan = await withScope(database.db, scope, async (trx) => {
    if (!scope.genericPlans)
      return trx.executeQuery<{ 'QUERY PLAN': string }>(
        CompiledQuery.raw(`explain (analyze, buffers) ${statement.sql}`, [...statement.parameters]),
      );
    await trx.executeQuery(CompiledQuery.raw(`prepare ft_explained as ${statement.sql}`));
    const args = statement.parameters.map(literal).join(', ');
    const explained = await trx.executeQuery<{ 'QUERY PLAN': string }>(
      CompiledQuery.raw(`explain (analyze, buffers) execute ft_explained(${args})`),
    );
    await trx.executeQuery(CompiledQuery.raw('deallocate ft_explained'));
    return explained;
  });
  const lines = plan.rows.map((r) => r['QUERY PLAN']);
  const executionMs = Number(/Execution Time: ([\d.]+)/.exec(lines.at(-1) ?? '')?.[1] ?? Number.NaN);
  return { text: lines.join('\n'), executionMs, rowsRead: largestScan(lines) };
}

/** The recorded statement that reads `table` (the list query, not the session lookup or scope). */
function statementOn(statements: CompiledQuery[], table: string): CompiledQuery {
  const found = statements.find((s) => s.sql.startsWith('select') && s.sql.includes(`from "${table}"`));
  if (!found) throw new Error(`no statement on ${table} among:\n${statements.map((s) => s.sql).join('\n')}`);
  return found;
}

/**
 * The plan of the statement on `table` that one GET of `url` sent, under the caller's scope and
 * planned as that request asked: generically when its scope statement set `plan_cache_mode`
 * (`DbScope.genericPlans`), so the plan shown follows the service rather than a list of which
 * routes ask.
 */
export async function explainRequest(
  app: FastifyInstance,
  database: DatabaseHandle<DB>,
  caller: { userId: string; role: string; token: string },
  url: string,
  table: string,
): Promise<Explained> {
  const statements = await statementsOf(app, url, caller.token);
  // Inline when the scope leaves with `begin` (deferred-begin.ts), as parameters otherwise.
  const genericPlans = statements.some(
    (s) =>
      s.sql.includes("'plan_cache_mode', 'force_generic_plan'") ||
      (s.parameters.includes('plan_cache_mode') && s.parameters.includes('force_generic_plan')),
  );
  return explainAs(
    database,
    { userId: caller.userId, role: caller.role, genericPlans },
    statementOn(statements, table),
  );
}

/** Table statistics and the visibility map, as autovacuum leaves them after bulk inserts. */
export async function vacuumAnalyze(database: DatabaseHandle<DB>, tables: string[]) {
  for (const table of tables) await sql`vacuum analyze ${sql.id(table)}`.execute(database.db);
}

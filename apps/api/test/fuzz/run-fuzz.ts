// Property: whatever arrives — wrong types, huge or strange strings, missing fields, nested junk,
// prototype-polluting keys — to any endpoint of the OpenAPI document, as any role, the API
// answers below 500, leaves no unhandled rejection, and changes nothing in the database when it
// rejects the request (4xx). FUZZ_RUNS (default 10 000) requests in all, spread over the endpoints
// and over the shard files (run in parallel by vitest). Engine-independent, so it runs on the
// embedded database only. FUZZ_REPORT=<file> writes the failures of each shard to <file>.<n>.
import fs from 'node:fs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { approvedExpert, type Caller, clientWithDossiers, createAdmin, login } from '../factories';
import { createTestApp, type TestApp } from '../test-app';
import {
  type MalformedRequest,
  malformedRequest,
  type Operation,
  operationsOf,
  RAW_SEGMENTS,
  type Role,
} from './arbitraries';

const TOTAL_RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
// Tables a rejected request may legitimately write: failed logins are recorded to slow down
// password guessing (brute-force protection), and job bookkeeping is not request-driven.
const WRITTEN_BY_REJECTIONS = new Set(['login_attempts', 'account_locks', 'job_runs', 'schema_migrations']);

/** Declares the fuzz suite for every `shards`-th operation starting at `shard`. */
export function fuzzShard(shard: number, shards: number) {
  let t: TestApp;
  const callers: Partial<Record<Role, Caller>> = {};
  const knownIds: string[] = [];
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  async function fingerprint(): Promise<string> {
    const result = await sql<{ n: string }>`select n::text from fuzz_changes`.execute(t.database.db);
    return result.rows[0]?.n ?? 'missing';
  }

  async function relogin() {
    for (const role of ['client', 'expert', 'admin'] as const) {
      const caller = callers[role];
      if (caller) callers[role] = await login(t.app, caller.email);
    }
  }

  /** Percent-encodes every UTF-8 byte (a lone surrogate becomes U+FFFD instead of throwing). */
  const encodeSegment = (value: string) =>
    RAW_SEGMENTS.has(value)
      ? value
      : [...Buffer.from(value, 'utf8')]
          .map((byte) =>
            /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
              ? String.fromCharCode(byte)
              : `%${byte.toString(16).padStart(2, '0')}`,
          )
          .join('');

  function urlOf(operation: Operation, request: MalformedRequest): string {
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeSegment(request.pathValues[name] ?? ''),
    );
    const query = new URLSearchParams(request.query).toString();
    return query ? `${path}?${query}` : path;
  }

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    t = await createTestApp();
    callers.admin = await createAdmin(t);
    const expert = await approvedExpert(t, callers.admin);
    callers.expert = expert;
    const { client, byProduct } = await clientWithDossiers(t.app);
    callers.client = client;
    const dossierId = byProduct.TICPE ?? '';
    await sql`insert into expert_assignments (dossier_id, expert_id, status, expires_at)
    values (${dossierId}, ${expert.id}, 'accepted', now() + interval '30 days')`.execute(t.database.db);
    knownIds.push(dossierId, client.id, expert.id, 'TICPE', '1');

    // Every row written, updated or deleted in any application table bumps one counter (row-level
    // triggers, rolled back with their transaction): a change a count or max(updated_at) would miss
    // (an update in place) shows too, and reading the fingerprint is one tiny query per request.
    // Partitions are left out: a row trigger on a partitioned table (messages) covers its partitions.
    const tables = await sql<{ table_name: string }>`
    select c.relname as table_name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
    order by c.relname`.execute(t.database.db);
    await sql`create table fuzz_changes (n bigint not null)`.execute(t.database.db);
    await sql`insert into fuzz_changes values (0)`.execute(t.database.db);
    await sql`create function fuzz_bump() returns trigger language plpgsql security definer as $$
    begin update fuzz_changes set n = n + 1; return null; end $$`.execute(t.database.db);
    for (const { table_name } of tables.rows.filter((row) => !WRITTEN_BY_REJECTIONS.has(row.table_name))) {
      // Using a session refreshes its last_seen_at now and then, whatever the answer: not a change.
      const events =
        table_name === 'sessions'
          ? sql`insert or delete or update of revoked_at, expires_at`
          : sql`insert or update or delete`;
      await sql`create trigger fuzz_changes after ${events} on ${sql.id(table_name)}
      for each row execute function fuzz_bump()`.execute(t.database.db);
    }
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await t?.close();
  });

  describe.skipIf(inject('serverTemplate'))(
    `malformed requests to every endpoint as every role (shard ${shard + 1}/${shards})`,
    () => {
      it('never answer 5xx, never reject unhandled, never change the database when refused', async () => {
        const operations = operationsOf(t.app.swagger()).filter((op) => !op.path.startsWith('/api/docs'));
        const mine = operations.filter((_, index) => index % shards === shard);
        expect(operations.length).toBeGreaterThan(50);
        const runsEach = Math.ceil(TOTAL_RUNS / operations.length);
        const failures: string[] = [];
        let sent = 0;
        const started = performance.now();

        for (const operation of mine) {
          let before = await fingerprint();
          try {
            await fc.assert(
              fc.asyncProperty(malformedRequest(operation, knownIds), async (request) => {
                const caller = request.role === 'anonymous' ? undefined : callers[request.role];
                const res = await t.app.inject({
                  method: operation.method as 'GET',
                  url: urlOf(operation, request),
                  headers: {
                    ...(caller?.headers ?? {}),
                    ...(request.body === undefined ? {} : { 'content-type': request.contentType }),
                  },
                  ...(request.body === undefined ? {} : { payload: request.body }),
                });
                sent++;
                if (res.statusCode >= 500) throw new Error(`${res.statusCode}: ${res.body.slice(0, 300)}`);
                const after = await fingerprint();
                if (res.statusCode >= 400 && after !== before)
                  throw new Error(`${res.statusCode} changed the database: ${res.body.slice(0, 200)}`);
                before = after;
                // A request that succeeded may have ended a session (logout): start the next fresh.
                if (
                  res.statusCode < 300 &&
                  operation.method !== 'GET' &&
                  /logout|sessions|password/.test(operation.path)
                ) {
                  await relogin();
                  before = await fingerprint();
                }
              }),
              { numRuns: runsEach, seed: SEED, endOnFailure: true },
            );
          } catch (error) {
            // The cause first (fast-check puts it after a counterexample that may be megabytes long).
            const message = (error as Error).message;
            const { cause } = error as { cause?: unknown };
            const reason = cause instanceof Error ? cause.message : message.slice(0, 300);
            failures.push(`${operation.method} ${operation.path}: ${reason}\n${message.slice(0, 1_000)}`);
            await relogin();
          }
        }

        if (process.env.FUZZ_REPORT)
          fs.writeFileSync(`${process.env.FUZZ_REPORT}.${shard + 1}`, failures.join('\n\n'));
        const seconds = (performance.now() - started) / 1000;
        process.stdout.write(
          `fuzz shard ${shard + 1}/${shards}: ${sent} requests over ${mine.length} operations in ${seconds.toFixed(1)} s\n`,
        );
        expect(failures).toEqual([]);
        expect(sent).toBeGreaterThanOrEqual(runsEach * mine.length);
        expect(rejections).toEqual([]);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }, 600_000);
    },
  );
}

import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
import type { DB } from '../../database';
import { prepared } from './prepared';
import { withScope } from './scoped';

let database: TestDatabase;
const alice = randomUUID();
const bob = randomUUID();

beforeAll(async () => {
  database = await createTestDatabase();
  // A throwaway tenant table with the same kind of policy the domain tables use.
  await sql`
    create table rls_probe (id serial primary key, owner_id uuid not null, note text not null);
    alter table rls_probe enable row level security;
    create policy rls_probe_owner on rls_probe
      using (owner_id = app_current_user_id() or app_current_role() = 'admin')
      with check (owner_id = app_current_user_id());
    grant select, insert on rls_probe to app_user;
    grant usage on sequence rls_probe_id_seq to app_user;
  `.execute(database.db);
  await sql`insert into rls_probe (owner_id, note) values (${alice}, 'alice 1'), (${alice}, 'alice 2'), (${bob}, 'bob 1')`.execute(
    database.db,
  );
});
afterAll(() => database.close());

type ProbeRow = { owner_id: string; note: string };
const readAll = (scope: { userId: string | null; role: string }) =>
  withScope(
    database.db,
    scope,
    async (trx) => (await sql<ProbeRow>`select owner_id, note from rls_probe order by id`.execute(trx)).rows,
  );

describe(`row-level security plumbing (${process.env.FT_TEST_DB ?? 'embedded'})`, () => {
  it('runs the unit of work as app_user with the caller identity set', async () => {
    const row = await withScope(database.db, { userId: alice, role: 'client' }, async (trx) => {
      const result = await sql<{ who: string; uid: string; role: string }>`
        select current_user as who, app_current_user_id()::text as uid, app_current_role() as role`.execute(
        trx,
      );
      return result.rows[0];
    });
    expect(row).toEqual({ who: 'app_user', uid: alice, role: 'client' });
  });

  it('shows each user only their own rows, even with an unfiltered SELECT', async () => {
    expect((await readAll({ userId: alice, role: 'client' })).map((r) => r.note)).toEqual([
      'alice 1',
      'alice 2',
    ]);
    expect((await readAll({ userId: bob, role: 'client' })).map((r) => r.note)).toEqual(['bob 1']);
    expect(await readAll({ userId: null, role: 'anonymous' })).toEqual([]);
  });

  it('lets an admin see every row', async () => {
    expect(await readAll({ userId: randomUUID(), role: 'admin' })).toHaveLength(3);
  });

  it("refuses to write a row in someone else's name", async () => {
    await expect(
      withScope(database.db, { userId: bob, role: 'client' }, (trx) =>
        sql`insert into rls_probe (owner_id, note) values (${alice}, 'forged')`.execute(trx),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('does not leak the scope outside the transaction', async () => {
    await readAll({ userId: alice, role: 'client' });
    const after = await sql<{ who: string; uid: string | null }>`
      select current_user as who, app_current_user_id()::text as uid`.execute(database.db);
    expect(after.rows[0]?.who).not.toBe('app_user');
    expect(after.rows[0]?.uid).toBeNull();
  });
});

// On the server the scope's statement leaves in the same message as `begin`, its values written as
// literals (deferred-begin.ts): what a policy reads must be exactly what was given, and a failed
// unit of work must still roll back.
describe(`the scope's transaction (${process.env.FT_TEST_DB ?? 'embedded'})`, () => {
  it('passes setting values byte for byte, quotes and backslashes included', async () => {
    const awkward = String.raw`it's a \'test\' \\ $1 ; select 1; --`;
    const read = await withScope(
      database.db,
      { userId: alice, role: 'client', settings: { capability_token_hash: awkward } },
      async (trx) =>
        (
          await sql<{ value: string }>`select current_setting('app.capability_token_hash') as value`.execute(
            trx,
          )
        ).rows[0]?.value,
    );
    expect(read).toBe(awkward);
  });

  it('rolls back the whole unit of work when it fails', async () => {
    const note = `rolled back ${randomUUID()}`;
    await expect(
      withScope(database.db, { userId: alice, role: 'client' }, async (trx) => {
        await sql`insert into rls_probe (owner_id, note) values (${alice}, ${note})`.execute(trx);
        throw new Error('work failed');
      }),
    ).rejects.toThrow('work failed');
    const left = await sql<{
      n: number;
    }>`select count(*)::int as n from rls_probe where note = ${note}`.execute(database.db);
    expect(left.rows[0]?.n).toBe(0);
  });

  it('rolls back when the database refuses a statement, and the next unit of work starts clean', async () => {
    await expect(
      withScope(database.db, { userId: alice, role: 'client' }, async (trx) => {
        await sql`insert into rls_probe (owner_id, note) values (${bob}, 'in bob''s name')`.execute(trx);
      }),
    ).rejects.toThrow();
    const rows = await readAll({ userId: bob, role: 'client' });
    expect(rows.map((row) => row.note)).toEqual(['bob 1']);
  });

  it('runs each unit of work in a transaction of its own', async () => {
    const ids = await withScope(database.db, { userId: alice, role: 'client' }, async (trx) => {
      const first = await sql<{ xid: string }>`select txid_current()::text as xid`.execute(trx);
      const second = await sql<{ xid: string }>`select txid_current()::text as xid`.execute(trx);
      return [first.rows[0]?.xid, second.rows[0]?.xid];
    });
    expect(ids[0]).toBe(ids[1]);
    const next = await withScope(
      database.db,
      { userId: alice, role: 'client' },
      async (trx) =>
        (await sql<{ xid: string }>`select txid_current()::text as xid`.execute(trx)).rows[0]?.xid,
    );
    expect(next).not.toBe(ids[0]);
  });
});

describe.runIf(process.env.FT_TEST_DB === 'server')('the scope on the server', () => {
  it('sends begin with the scope: a unit of one statement costs three round trips, not four', async () => {
    const pg = (await import('pg')).default;
    const query = vi.spyOn(pg.Client.prototype, 'query');
    let sent: unknown[];
    try {
      await readAll({ userId: alice, role: 'client' });
      sent = query.mock.calls.map(([text]) => text);
    } finally {
      query.mockRestore();
    }
    expect(sent).toHaveLength(3);
    expect(sent[0]).toMatch(/^begin; select set_config\('app\.user_id', '[0-9a-f-]{36}', true\)/);
    expect(sent[2]).toBe('commit');
  });

  it('sends a statement compiled once as a named one, planned once when the scope asks for generic plans', async () => {
    type Probe = { rls_probe: { id: number; owner_id: string; note: string } };
    // A parameter (a statement without any is always planned generically), which matches every
    // note: the policy alone must keep each caller to its rows.
    const notes = prepared((db: Kysely<Probe>, _shape: 'all', p: { pattern: string }) =>
      db.selectFrom('rls_probe').select(['owner_id', 'note']).where('note', 'like', p.pattern).orderBy('id'),
    );
    const counts = async (trx: Kysely<DB>) =>
      (
        await sql<{ generic_plans: number; custom_plans: number }>`
          select generic_plans::int, custom_plans::int from pg_prepared_statements
          where name like 'ft\_%' and statement like '%from "rls_probe"%'`.execute(trx)
      ).rows;
    const seen = await withScope(
      database.db,
      { userId: alice, role: 'client', genericPlans: true },
      async (trx) => {
        const db = trx as unknown as Kysely<Probe>;
        const asAlice = [await notes(db, 'all', { pattern: '%' }), await notes(db, 'all', { pattern: '%' })];
        // The same connection, the plan it keeps, another caller: the policy is evaluated on each run.
        await sql`select set_config('app.user_id', ${bob}, true)`.execute(trx);
        const asBob = await notes(db, 'all', { pattern: '%' });
        return { asAlice, asBob, plans: await counts(trx) };
      },
    );
    expect(seen.asAlice.map((rows) => rows.map((row) => row.note))).toEqual([
      ['alice 1', 'alice 2'],
      ['alice 1', 'alice 2'],
    ]);
    expect(seen.asBob.map((row) => row.note)).toEqual(['bob 1']);
    expect(seen.plans).toEqual([{ generic_plans: 3, custom_plans: 0 }]);

    // Without the setting the same named statement is planned for its values, as PostgreSQL decides.
    const custom = await withScope(database.db, { userId: alice, role: 'client' }, async (trx) => {
      const before = (await counts(trx))[0];
      await notes(trx as unknown as Kysely<Probe>, 'all', { pattern: '%' });
      return { before, after: (await counts(trx))[0] };
    });
    if (custom.before)
      expect(custom.after).toEqual({ ...custom.before, custom_plans: custom.before.custom_plans + 1 });
    else expect(custom.after).toEqual({ generic_plans: 0, custom_plans: 1 });
  });

  it('never JIT-compiles a statement, however large its estimate', async () => {
    // An estimate far past PostgreSQL's JIT thresholds (100 000 / 500 000), as row-level-security
    // subplans reach on ordinary reads: with JIT on, the plan reports the functions it would compile.
    const plan = await withScope(database.db, { userId: alice, role: 'client' }, async (trx) => {
      const result = await sql<{ 'QUERY PLAN': string }>`
        explain select count(*) from generate_series(1, 100000000) n where n % 7 = 0`.execute(trx);
      return result.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    const cost = Number(/cost=[\d.]+\.\.([\d.]+)/.exec(plan)?.[1]);
    expect(cost).toBeGreaterThan(500_000);
    expect(plan).not.toMatch(/JIT/);
  });
});

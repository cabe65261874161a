import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/test-db';
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

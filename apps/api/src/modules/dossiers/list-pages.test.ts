import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedExpert, type Caller, createAdmin, signupClient } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
let admin: Caller;
let client: Caller;
let expert: Caller;
const PRODUCTS = ['URSSAF', 'TICPE', 'DFS', 'CEE', 'MSA'];

beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
  client = await signupClient(t.app);
  expert = await approvedExpert(t, admin);
  // Closed dossiers a second apart (no open-dossier rule), two of them at the same instant so
  // the keyset's tie-break on id is exercised; the expert is assigned to every other one.
  await sql`
    insert into dossiers (client_id, product_code, track, status, estimated_amount_cents,
                          estimate_explanation, created_at, updated_at)
    select ${client.id}::uuid, (${sql.val(PRODUCTS)}::text[])[1 + g % 5], 'full', 'completed', 100 * g, 'x',
           timestamptz '2026-01-01' + least(g, 12) * interval '1 second', now()
    from generate_series(1, 13) g`.execute(t.database.db);
  await sql`
    insert into expert_assignments (dossier_id, expert_id, status, expires_at)
    select id, ${expert.id}::uuid, 'accepted', now() + interval '30 days'
    from (select id, row_number() over (order by created_at, id) n from dossiers where client_id = ${client.id}::uuid) d
    where n % 2 = 1`.execute(t.database.db);
});
afterAll(() => t.close());

/** Every page of the caller's list, three at a time, following nextCursor. */
async function allPages(caller: Caller) {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const res = await t.app.inject({
      url: `/api/dossiers?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      headers: caller.headers,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...body.items.map((item) => item.id));
    cursor = body.nextCursor;
    if (!cursor) return ids;
  }
  throw new Error('the pages never ended');
}

async function expected(where: ReturnType<typeof sql>) {
  const rows = await sql<{ id: string }>`
    select d.id from dossiers d where ${where} order by d.created_at desc, d.id desc`.execute(t.database.db);
  return rows.rows.map((row) => row.id);
}

describe('dossier list pages (keyset, one page of ids read per request)', () => {
  it("walks a client's dossiers newest first, each once", async () => {
    expect(await allPages(client)).toEqual(await expected(sql`d.client_id = ${client.id}::uuid`));
  });

  it("walks an expert's live assignments in the dossiers' order, each once", async () => {
    const ids = await allPages(expert);
    expect(ids).toHaveLength(7);
    expect(ids).toEqual(
      await expected(
        sql`d.id in (select dossier_id from expert_assignments where expert_id = ${expert.id}::uuid and status in ('proposed', 'accepted'))`,
      ),
    );
  });

  it('walks every dossier as an admin, each once', async () => {
    expect(await allPages(admin)).toEqual(await expected(sql`true`));
  });

  it("copies the dossier's creation time onto each assignment (the expert's list order)", async () => {
    const mismatched = await sql<{ n: number }>`
      select count(*)::int as n from expert_assignments a join dossiers d on d.id = a.dossier_id
      where a.dossier_created_at is distinct from d.created_at`.execute(t.database.db);
    expect(mismatched.rows[0]?.n).toBe(0);
  });
});

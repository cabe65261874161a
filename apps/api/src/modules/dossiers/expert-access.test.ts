import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedExpert,
  type Caller,
  createAdmin,
  signupClient,
  signupExpert,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { withScope } from '../../platform/db/scoped';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

async function clientWithDossier() {
  const client = await signupClient(t.app);
  const row = await t.database.db
    .insertInto('dossiers')
    .values({
      client_id: client.id,
      product_code: 'URSSAF',
      track: 'full',
      estimated_amount_cents: 100,
      estimate_explanation: 'x',
      simulation_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { client, dossierId: row.id };
}

const assign = (dossierId: string, expertId: string, status: string) =>
  sql`insert into expert_assignments (dossier_id, expert_id, status, expires_at)
      values (${dossierId}, ${expertId}, ${status}, now() + interval '48 hours') returning id`.execute(
    t.database.db,
  );

const seenBy = (expert: Caller) =>
  withScope(t.database.db, { userId: expert.id, role: 'expert' }, async (trx) => ({
    dossiers: (await sql<{ id: string }>`select id from dossiers`.execute(trx)).rows.map((r) => r.id),
    clients: (await sql<{ user_id: string }>`select user_id from client_profiles`.execute(trx)).rows.map(
      (r) => r.user_id,
    ),
    users: (await sql<{ id: string }>`select id from users`.execute(trx)).rows.map((r) => r.id),
  }));

describe('expert access through assignments (row-level security)', () => {
  it('shows an expert nothing of a client until a dossier is proposed to it, then only that client', async () => {
    const expert = await approvedExpert(t, admin);
    const { client, dossierId } = await clientWithDossier();
    await clientWithDossier();
    expect(await seenBy(expert)).toEqual({ dossiers: [], clients: [], users: [expert.id] });

    await assign(dossierId, expert.id, 'proposed');
    const seen = await seenBy(expert);
    expect(seen.dossiers).toEqual([dossierId]);
    expect(seen.clients).toEqual([client.id]);
    expect(seen.users.sort()).toEqual([client.id, expert.id].sort());
  });

  it('removes the access when the assignment is declined, expired or ended', async () => {
    for (const status of ['declined', 'expired', 'ended']) {
      const expert = await approvedExpert(t, admin);
      const { dossierId } = await clientWithDossier();
      await assign(dossierId, expert.id, status);
      expect(await seenBy(expert), status).toEqual({ dossiers: [], clients: [], users: [expert.id] });
    }
  });

  it('keeps one live assignment per dossier', async () => {
    const first = await approvedExpert(t, admin);
    const second = await approvedExpert(t, admin);
    const { dossierId } = await clientWithDossier();
    await assign(dossierId, first.id, 'accepted');
    await expect(assign(dossierId, second.id, 'proposed')).rejects.toThrow(
      /expert_assignments_live_key|unique/,
    );
  });

  it('lets a client see approved experts only, and the assignments of its own dossiers', async () => {
    const approved = await approvedExpert(t, admin);
    const pending = await signupExpert(t.app);
    const { client, dossierId } = await clientWithDossier();
    const other = await clientWithDossier();
    await assign(dossierId, approved.id, 'proposed');
    const seen = await withScope(t.database.db, { userId: client.id, role: 'client' }, async (trx) => ({
      experts: (await sql<{ user_id: string }>`select user_id from expert_profiles`.execute(trx)).rows.map(
        (r) => r.user_id,
      ),
      assignments: (
        await sql<{ dossier_id: string }>`select dossier_id from expert_assignments`.execute(trx)
      ).rows.map((r) => r.dossier_id),
    }));
    expect(seen.experts).toContain(approved.id);
    expect(seen.experts).not.toContain(pending.id);
    expect(seen.assignments).toEqual([dossierId]);
    expect(seen.assignments).not.toContain(other.dossierId);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedExpert, type Caller, clientWithDossiers, createAdmin } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { documentsHelpers, PDF } from '../documents/test-support';

// The five defects of issue #14, as behaviour through HTTP: each was a 500 or a silent leak.
let t: TestApp;
let admin: Caller;
const docs = documentsHelpers(() => t);
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const act = (caller: Caller, id: string, action: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: `/api/dossiers/${id}/${action}`, headers: caller.headers, payload });
async function step(caller: Caller, id: string, action: string, payload: object = {}) {
  const res = await act(caller, id, action, payload);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json() as { status: string; assignment: { expertId: string; status: string } | null };
}
/** As the client sees it. */
const statusOf = async (caller: Caller, id: string) =>
  (await t.app.inject({ url: `/api/dossiers/${id}`, headers: caller.headers })).json().status;
const sees = async (caller: Caller, id: string) =>
  (await t.app.inject({ url: `/api/dossiers/${id}`, headers: caller.headers })).statusCode;
const noticesOf = (userId: string, dossierId: string) =>
  t.database.db
    .selectFrom('notifications')
    .select(['type', 'body'])
    .where('user_id', '=', userId)
    .where('dossier_id', '=', dossierId)
    .orderBy('created_at')
    .execute();
const liveAssignments = async (dossierId: string) =>
  (
    await t.database.db
      .selectFrom('expert_assignments')
      .select('status')
      .where('dossier_id', '=', dossierId)
      .where('status', 'in', ['proposed', 'accepted'])
      .execute()
  ).length;
const lastEvent = async (caller: Caller, id: string) =>
  (await t.app.inject({ url: `/api/dossiers/${id}/timeline`, headers: caller.headers })).json().events.at(-1);

/** A client's dossier of `product` at `expert_proposed` (full track: validated first), with its expert. */
async function proposed(product: 'TICPE' | 'ELECTRICITY_SUPPLIER') {
  const { client, byProduct } = await clientWithDossiers(t.app);
  const id = byProduct[product] ?? '';
  const expert = await approvedExpert(t, admin, { productCodes: [product] });
  if (product === 'TICPE')
    await step(admin, id, 'force-transition', { to: 'admin_validated', reason: 'Vérifié' });
  await step(client, id, 'propose-expert', { expertId: expert.id });
  return { client, id, expert };
}

describe('an expert declines a proposal', () => {
  for (const [product, back] of [
    ['ELECTRICITY_SUPPLIER', 'eligible'],
    ['TICPE', 'admin_validated'],
  ] as const) {
    it(`returns the ${product} dossier to ${back}, ends the expert's access, tells the client, and the client picks another`, async () => {
      const { client, id, expert } = await proposed(product);
      // Done, and the expert has nothing left to see: 204.
      const declined = await act(expert, id, 'decline-assignment', { reason: 'Pas disponible ce mois-ci' });
      expect(declined.statusCode, declined.body).toBe(204);
      expect(await statusOf(client, id)).toBe(back);
      expect(await sees(expert, id)).toBe(404);
      expect(await noticesOf(client.id, id)).toContainEqual(
        expect.objectContaining({ type: 'assignment.declined' }),
      );
      expect(await lastEvent(client, id)).toMatchObject({
        action: 'decline-assignment',
        fromStatus: 'expert_proposed',
        toStatus: back,
        actorId: expert.id,
        details: { reason: 'Pas disponible ce mois-ci' },
      });
      const audit = await t.database.db
        .selectFrom('audit_events')
        .select(['actor_id', 'ip'])
        .where('entity_id', '=', id)
        .where('action', '=', 'dossier.decline-assignment')
        .execute();
      expect(audit).toEqual([{ actor_id: expert.id, ip: '127.0.0.1' }]);
      const other = await approvedExpert(t, admin, { productCodes: [product] });
      expect((await step(client, id, 'propose-expert', { expertId: other.id })).assignment).toMatchObject({
        expertId: other.id,
        status: 'proposed',
      });
    });
  }
});

describe('cancelling ends the assignment and tells the expert', () => {
  it('by the client, with an accepted expert', async () => {
    const { client, id, expert } = await proposed('ELECTRICITY_SUPPLIER');
    await step(expert, id, 'accept-assignment');
    await step(client, id, 'cancel', { reason: 'Nous changeons de fournisseur' });
    expect(await sees(expert, id)).toBe(404);
    expect(await liveAssignments(id)).toBe(0);
    expect(await noticesOf(expert.id, id)).toContainEqual({
      type: 'dossier.transition',
      body: 'Le dossier a été annulé : vous n’y avez plus accès.',
    });
  });

  it('by an admin, with a proposed expert', async () => {
    const { id, expert } = await proposed('TICPE');
    await step(admin, id, 'cancel', { reason: 'Doublon' });
    expect(await sees(expert, id)).toBe(404);
    expect((await noticesOf(expert.id, id)).map((n) => n.body)).toContain(
      'Le dossier a été annulé : vous n’y avez plus accès.',
    );
  });

  it('by a forced move to cancelled', async () => {
    const { client, id, expert } = await proposed('ELECTRICITY_SUPPLIER');
    await step(expert, id, 'accept-assignment');
    await step(admin, id, 'force-transition', { to: 'cancelled', reason: 'Demande du client par téléphone' });
    expect(await sees(expert, id)).toBe(404);
    expect(await liveAssignments(id)).toBe(0);
    expect((await noticesOf(expert.id, id)).length).toBeGreaterThan(0);
    expect((await noticesOf(client.id, id)).at(-1)?.body).toContain('modifié le statut');
  });
});

describe('a forced move keeps assignments consistent with the target status', () => {
  it('back to eligible: the expert loses the dossier and the client proposes again', async () => {
    const { client, id, expert } = await proposed('ELECTRICITY_SUPPLIER');
    await step(expert, id, 'accept-assignment');
    const back = await step(admin, id, 'force-transition', { to: 'eligible', reason: 'Reprise du dossier' });
    expect(back).toMatchObject({ status: 'eligible', assignment: null });
    expect(await sees(expert, id)).toBe(404);
    const other = await approvedExpert(t, admin, { productCodes: ['ELECTRICITY_SUPPLIER'] });
    expect((await step(client, id, 'propose-expert', { expertId: other.id })).status).toBe('expert_proposed');
    expect(await liveAssignments(id)).toBe(1);
  });

  it('refuses a status that needs an expert when none has accepted (409, nothing changed)', async () => {
    const { byProduct } = await clientWithDossiers(t.app);
    const id = byProduct.ELECTRICITY_SUPPLIER ?? '';
    for (const to of ['expert_proposed', 'expert_assigned', 'quote_sent', 'completed']) {
      const res = await act(admin, id, 'force-transition', { to, reason: 'Essai' });
      expect(res.statusCode, to).toBe(409);
      expect(res.json().code).toBe('PRECONDITION_FAILED');
    }
    expect((await t.app.inject({ url: `/api/dossiers/${id}`, headers: admin.headers })).json().status).toBe(
      'eligible',
    );
  });
});

describe('documents belong to the accepted expert', () => {
  it('a proposed expert sees the summary, not the documents; once accepted it reviews them', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const id = byProduct.TICPE ?? '';
    const items = await docs.items(client, id);
    const item = items[0];
    if (!item) throw new Error('TICPE has a checklist');
    const uploaded = await docs.upload(client, id, PDF, 'rib.pdf', item.id);
    expect(uploaded.statusCode).toBe(201);
    const documentId: string = uploaded.json().id;
    await step(admin, id, 'force-transition', { to: 'admin_validated', reason: 'Vérifié' });
    const expert = await approvedExpert(t, admin, { productCodes: ['TICPE'] });
    await step(client, id, 'propose-expert', { expertId: expert.id });

    const summary = await t.app.inject({ url: `/api/dossiers/${id}`, headers: expert.headers });
    expect(summary.statusCode).toBe(200);
    expect(summary.json().items.every((i: { documentId: string | null }) => i.documentId === null)).toBe(
      true,
    );
    for (const url of [`/api/documents/${documentId}`, `/api/documents/${documentId}/content`])
      expect((await docs.get(expert, url)).statusCode, url).toBe(404);
    const listed = await docs.get(expert, `/api/dossiers/${id}/documents`);
    expect(listed.statusCode === 200 ? (listed.json().documents ?? listed.json().items) : [], 'list').toEqual(
      [],
    );
    expect((await docs.post(expert, `/api/documents/${documentId}/approve`)).statusCode).toBe(404);
    expect(
      (await docs.post(expert, `/api/documents/${documentId}/reject`, { reason: 'Illisible' })).statusCode,
    ).toBe(404);
    expect((await docs.upload(expert, id, PDF, 'autre.pdf', item.id)).statusCode).toBe(403);
    const untouched = await sql<{ status: string; versions: number }>`
      select i.status, (select count(*)::int from document_versions v where v.document_id = ${documentId}) as versions
      from dossier_items i where i.id = ${item.id}`.execute(t.database.db);
    expect(untouched.rows[0]).toEqual({ status: 'uploaded', versions: 1 });

    await step(expert, id, 'accept-assignment');
    expect((await docs.get(expert, `/api/documents/${documentId}`)).statusCode).toBe(200);
    expect((await docs.post(expert, `/api/documents/${documentId}/approve`)).statusCode).toBe(204);
  });
});

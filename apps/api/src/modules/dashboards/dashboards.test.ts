import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedExpert,
  type Caller,
  clientWithDossiers,
  createAdmin,
  signupClient,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const get = (caller: Caller, url: string) => t.app.inject({ url, headers: caller.headers });

describe('dashboards', () => {
  it('gives a client its estimated and realised savings and its dossier counts', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    await sql`update dossiers set status = 'completed', decision = 'accepted', granted_amount_cents = 1000000 where id = ${byProduct.TICPE}`.execute(
      t.database.db,
    );
    // Savings are realised once the administration grants them, before the invoice is paid.
    await sql`update dossiers set status = 'claim_accepted', decision = 'partial', granted_amount_cents = 4235050 where id = ${byProduct.URSSAF}`.execute(
      t.database.db,
    );
    await sql`update dossiers set status = 'claim_refused', decision = 'refused', granted_amount_cents = 0 where id = ${byProduct.DFS}`.execute(
      t.database.db,
    );
    const res = await get(client, '/api/dashboard/client');
    // Example A: TICPE completed, DFS refused; electricity 7 200 € a year stays open, URSSAF has
    // no amount; nothing one-off, and the TICPE deadline left with its dossier.
    expect(res.json()).toMatchObject({
      estimatedAnnualCents: 7_200 * 100,
      estimatedOneOffCents: 0,
      completedDossiers: 1,
      realisedCents: 1_000_000 + 4_235_050,
      deadlines: [],
    });
    expect((await get(admin, '/api/dashboard/client')).statusCode).toBe(403);
  });

  it('shows an expert the proposals awaiting its answer', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const expert = await approvedExpert(t, admin, { productCodes: ['ELECTRICITY_SUPPLIER'] });
    await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${byProduct.ELECTRICITY_SUPPLIER}/propose-expert`,
      headers: client.headers,
      payload: { expertId: expert.id },
    });
    const res = (await get(expert, '/api/dashboard/expert')).json();
    expect(res.proposals).toEqual([
      expect.objectContaining({
        dossierId: byProduct.ELECTRICITY_SUPPLIER,
        productName: "Renégociation du contrat d'électricité",
      }),
    ]);
    expect(res.byStatus).toEqual({ expert_proposed: 1 });
    expect((await get(client, '/api/dashboard/expert')).statusCode).toBe(403);
  });

  it('flags dossiers past their SLA on the admin dashboard and counts the pipeline', async () => {
    const { byProduct } = await clientWithDossiers(t.app);
    await sql`update dossiers set status = 'pending_admin_review', status_changed_at = now() - interval '3 days' where id = ${byProduct.URSSAF}`.execute(
      t.database.db,
    );
    const res = (await get(admin, '/api/dashboard/admin')).json();
    expect(res.pastSla.map((d: { dossierId: string }) => d.dossierId)).toContain(byProduct.URSSAF);
    expect(res.reviewsWaiting).toBeGreaterThanOrEqual(1);
    expect(
      res.byProduct.find((p: { code: string }) => p.code === 'TICPE').estimatedCents,
    ).toBeGreaterThanOrEqual(4_668_000);
  });

  it('exports every dossier as CSV for admins, neutralising formulas', async () => {
    await clientWithDossiers(t.app, { companyName: '=HYPERLINK("http://evil")' });
    const res = await get(admin, '/api/admin/dossiers.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe(
      'id;dispositif;entreprise;siren;expert;statut;estimation_eur;accorde_eur;cree_le;statut_depuis',
    );
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const client = await signupClient(t.app);
    expect((await get(client, '/api/admin/dossiers.csv')).statusCode).toBe(403);
  });

  it('reminds the client of requested documents at 3 and 6 days, once each', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    await sql`update dossiers set status = 'documents_requested', status_changed_at = now() - interval '4 days' where id = ${byProduct.DFS}`.execute(
      t.database.db,
    );
    const reminders = async () =>
      (
        await t.database.db
          .selectFrom('outbox')
          .select('subject')
          .where('to_email', '=', client.email)
          .execute()
      ).filter((m) => m.subject.startsWith('Rappel'));
    await t.scheduler.runNow('upload-reminders', { force: true });
    expect(await reminders()).toHaveLength(1);
    await t.scheduler.runNow('upload-reminders', { force: true });
    expect(await reminders()).toHaveLength(1);
    await sql`update dossiers set status_changed_at = now() - interval '6 days 1 hour' where id = ${byProduct.DFS}`.execute(
      t.database.db,
    );
    await t.scheduler.runNow('upload-reminders', { force: true });
    expect(await reminders()).toHaveLength(2);
  });

  it('sends the daily digest of late dossiers to each admin in its language, naming the wait', async () => {
    const { byProduct } = await clientWithDossiers(t.app, { companyName: 'Transports Retard SARL' });
    await sql`update dossiers set status = 'pending_admin_review', status_changed_at = now() - interval '3 days' where id = ${byProduct.TICPE}`.execute(
      t.database.db,
    );
    const english = await createAdmin(t);
    await sql`update users set locale = 'en' where id = ${english.id}`.execute(t.database.db);
    await t.scheduler.runNow('sla-digest', { force: true });
    const digestOf = async (email: string) =>
      t.database.db
        .selectFrom('outbox')
        .select(['subject', 'body_text'])
        .where('to_email', '=', email)
        .where((eb) =>
          eb.or([eb('subject', 'like', '%hors délai'), eb('subject', 'like', '%past their deadline')]),
        )
        .executeTakeFirstOrThrow();
    const fr = await digestOf(admin.email);
    expect(fr.subject).toMatch(/dossier\(s\) hors délai$/);
    expect(fr.body_text).toMatch(
      /Transports Retard SARL · .+ · en revue depuis plus de 48 h \(depuis le \d\d\/\d\d\/\d{4}\) : http/,
    );
    const en = await digestOf(english.email);
    expect(en.subject).toMatch(/case\(s\) past their deadline$/);
    expect(en.body_text).toContain('Hello,');
    expect(en.body_text).toMatch(
      /Transports Retard SARL · .+ · in review for more than 48 hours \(since \d\d\/\d\d\/\d{4}\): http/,
    );
    expect(en.body_text).not.toMatch(/depuis|Bonjour/);
  });
});

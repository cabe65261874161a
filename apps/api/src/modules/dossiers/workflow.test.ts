import { dossierActionBodies } from '@ft/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedExpert,
  type Caller,
  clientWithDossiers,
  completeBilling,
  createAdmin,
  deliverNotificationEmails,
  signEngagements,
  signupClient,
  signupExpert,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

type Detail = {
  id: string;
  status: string;
  progress: number | null;
  allowedActions: string[];
  invoice: Record<string, unknown> | null;
  expertId: string | null;
};

const act = (caller: Caller, id: string, action: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url: `/api/dossiers/${id}/${action}`, headers: caller.headers, payload });
async function step(caller: Caller, id: string, action: string, payload: object = {}): Promise<Detail> {
  const res = await act(caller, id, action, payload);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json();
}
const markItems = (id: string, source: string, status: string) =>
  sql`update dossier_items set status = ${status} where dossier_id = ${id} and source = ${source}`.execute(
    t.database.db,
  );

describe('short track (energy contract)', () => {
  it('goes from eligible to completed with a quote and an invoice', { timeout: 120_000 }, async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const expert = await approvedExpert(t, admin, { productCodes: ['ELECTRICITY_SUPPLIER'] });
    const id = byProduct.ELECTRICITY_SUPPLIER ?? '';

    const pickable = await t.app.inject({ url: `/api/dossiers/${id}/experts`, headers: client.headers });
    expect(pickable.json().experts.map((e: { id: string }) => e.id)).toContain(expert.id);

    expect((await step(client, id, 'propose-expert', { expertId: expert.id })).status).toBe(
      'expert_proposed',
    );
    await deliverNotificationEmails(t);
    const proposalMail = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_email', '=', expert.email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(proposalMail.body_text).toContain('vous avez 48 heures pour répondre');
    expect(proposalMail.body_text).toContain(`/dossiers/${id}`);
    const inApp = await t.database.db
      .selectFrom('notifications')
      .selectAll()
      .where('user_id', '=', expert.id)
      .where('dossier_id', '=', id)
      .execute();
    expect(inApp).toMatchObject([
      { type: 'assignment.proposed', link: `/dossiers/${id}`, dossier_id: id, read_at: null },
    ]);
    const assigned = await step(expert, id, 'accept-assignment');
    await deliverNotificationEmails(t);
    const toClient = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_email', '=', client.email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(toClient.body_text).toContain('L’expert a accepté votre dossier');
    expect(assigned).toMatchObject({ status: 'expert_assigned', expertId: expert.id, progress: 40 });
    await step(expert, id, 'send-quote', {
      amountCents: 150_000,
      description: 'Mise en concurrence de 5 fournisseurs',
      validUntil: '2099-01-01',
    });
    const unsigned = await act(client, id, 'accept-quote');
    expect(unsigned.statusCode).toBe(409);
    expect(unsigned.json().code).toBe('ENGAGEMENT_NOT_SIGNED');
    await signEngagements(t.app, client, id);
    await step(client, id, 'accept-quote');
    const noBilling = await act(expert, id, 'issue-invoice');
    expect(noBilling.json().code).toBe('BILLING_PROFILE_INCOMPLETE');
    await completeBilling(t.app, client);
    const invoiced = await step(expert, id, 'issue-invoice');
    expect(invoiced.invoice).toMatchObject({
      feeExclVatCents: 150_000,
      vatCents: 30_000,
      totalInclVatCents: 180_000,
      platformCommissionCents: 45_000,
      expertNetCents: 105_000,
    });
    expect(String(invoiced.invoice?.number)).toMatch(/^FT-\d{4}-\d{5}$/);
    const done = await step(client, id, 'confirm-payment');
    expect(done).toMatchObject({ status: 'completed', progress: 100 });

    const number = String(invoiced.invoice?.number);
    for (const caller of [client, expert, admin]) {
      const pdf = await t.app.inject({ url: `/api/dossiers/${id}/invoice.pdf`, headers: caller.headers });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.headers['content-disposition']).toBe(`attachment; filename="${number}.pdf"`);
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const stranger = await signupClient(t.app);
    expect(
      (await t.app.inject({ url: `/api/dossiers/${id}/invoice.pdf`, headers: stranger.headers })).statusCode,
    ).toBe(404);

    expect((await act(expert, id, 'rate-expert', { score: 5 })).statusCode).toBe(403);
    const rated = await step(client, id, 'rate-expert', { score: 4, comment: 'Efficace et clair.' });
    expect(rated).toMatchObject({ rating: { score: 4, comment: 'Efficace et clair.' } });
    expect((await act(client, id, 'rate-expert', { score: 5 })).statusCode).toBe(409);
    const other = await clientWithDossiers(t.app);
    const pick = await t.app.inject({
      url: `/api/dossiers/${other.byProduct.ELECTRICITY_SUPPLIER}/experts`,
      headers: other.client.headers,
    });
    expect(pick.json().experts.find((e: { id: string }) => e.id === expert.id)).toMatchObject({
      rating: 4,
      ratingCount: 1,
    });

    const timeline = (
      await t.app.inject({ url: `/api/dossiers/${id}/timeline`, headers: expert.headers })
    ).json().events;
    expect(timeline.map((e: { action: string }) => e.action)).toEqual([
      'propose-expert',
      'accept-assignment',
      'send-quote',
      'sign-mission',
      'sign-mandate',
      'accept-quote',
      'issue-invoice',
      'confirm-payment',
      'rate-expert',
    ]);
  });
});

describe('full track (TICPE)', () => {
  it('goes from eligible to completed, freezing the fee rate at client approval', {
    timeout: 120_000,
  }, async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const expert = await approvedExpert(t, admin, { productCodes: ['TICPE'] });
    const id = byProduct.TICPE ?? '';

    const early = await act(client, id, 'submit-for-review');
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(early.json().detail).toContain('Extrait Kbis');
    await markItems(id, 'checklist', 'uploaded');

    expect((await step(client, id, 'submit-for-review')).status).toBe('pending_admin_review');
    expect((await step(admin, id, 'validate-eligibility')).status).toBe('admin_validated');
    await step(client, id, 'propose-expert', { expertId: expert.id });
    await step(expert, id, 'accept-assignment');
    await step(expert, id, 'request-documents', { items: [{ label: 'Cartes grises', required: true }] });
    expect((await act(client, id, 'submit-documents')).statusCode).toBe(409);
    await markItems(id, 'expert', 'uploaded');
    await step(client, id, 'submit-documents');
    expect((await act(expert, id, 'start-audit')).statusCode).toBe(409);
    await markItems(id, 'expert', 'approved');
    const gated = await act(expert, id, 'start-audit');
    expect(gated.json()).toMatchObject({ code: 'ENGAGEMENT_NOT_SIGNED' });
    await signEngagements(t.app, client, id);
    await step(expert, id, 'start-audit');

    const badRate = await act(expert, id, 'complete-audit', {
      finalAmountCents: 1_000_000,
      report: 'Audit des volumes de gazole.',
      clientFeeRateBps: 5000,
    });
    expect(badRate.json().errors[0].field).toBe('clientFeeRateBps');
    await step(expert, id, 'complete-audit', {
      finalAmountCents: 1_000_000,
      report: 'Audit des volumes de gazole.',
      clientFeeRateBps: 2500,
    });
    await step(client, id, 'reject-audit', { reason: 'Le volume de mars manque.' });
    const revised = await step(expert, id, 'complete-audit', {
      finalAmountCents: 1_100_000,
      report: 'Audit révisé avec mars.',
      clientFeeRateBps: 2500,
    });
    expect(revised).toMatchObject({ status: 'audit_completed', auditRevision: 2 });
    const approved = await step(client, id, 'approve-audit');
    expect(approved).toMatchObject({ status: 'client_approved', clientFeeRateBps: 2500, progress: 75 });

    await step(expert, id, 'file-claim', {
      authority: 'Douanes',
      reference: 'TIC-2026-001',
      filedOn: '2026-11-20',
    });
    await step(expert, id, 'record-decision', {
      decision: 'partial',
      grantedAmountCents: 1_000_000,
      decidedOn: '2026-11-23',
    });
    await completeBilling(t.app, client);
    const invoiced = await step(expert, id, 'confirm-refund');
    expect(invoiced.invoice).toMatchObject({
      feeExclVatCents: 250_000,
      vatCents: 50_000,
      totalInclVatCents: 300_000,
      platformCommissionCents: 75_000,
      expertNetCents: 175_000,
    });
    expect((await step(admin, id, 'confirm-payment')).status).toBe('completed');

    const audit = await t.app.inject({
      url: `/api/admin/audit?entityId=${id}&action=dossier.`,
      headers: admin.headers,
    });
    expect(audit.json().items.length).toBeGreaterThanOrEqual(14);
  });

  it('records a refusal as a final state', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const expert = await approvedExpert(t, admin, { productCodes: ['URSSAF'] });
    const id = byProduct.URSSAF ?? '';
    await sql`update dossiers set status = 'claim_filed', expert_id = ${expert.id} where id = ${id}`.execute(
      t.database.db,
    );
    await sql`insert into expert_assignments (dossier_id, expert_id, status, expires_at) values (${id}, ${expert.id}, 'accepted', now())`.execute(
      t.database.db,
    );
    const noReason = await act(expert, id, 'record-decision', {
      decision: 'refused',
      grantedAmountCents: 0,
      decidedOn: '2026-11-23',
    });
    expect(noReason.json().errors[0].field).toBe('reason');
    const refused = await step(expert, id, 'record-decision', {
      decision: 'refused',
      grantedAmountCents: 0,
      decidedOn: '2026-11-23',
      reason: 'Hors délai',
    });
    expect(refused).toMatchObject({ status: 'claim_refused', progress: null, allowedActions: [] });
    expect((await act(client, id, 'cancel', { reason: 'trop tard' })).statusCode).toBe(409);
  });
});

describe('refusals, concurrency and expiry', () => {
  it('answers 403 to a role that never takes the action and 409 to one that may not take it now', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const id = byProduct.TICPE ?? '';
    expect((await act(client, id, 'validate-eligibility')).statusCode).toBe(403);
    const notNow = await act(admin, id, 'validate-eligibility');
    expect(notNow.statusCode).toBe(409);
    expect(notNow.json().code).toBe('INVALID_TRANSITION');
  });

  it('hides a dossier from other clients and from experts without a live assignment (404)', async () => {
    const { byProduct } = await clientWithDossiers(t.app);
    const id = byProduct.ELECTRICITY_SUPPLIER ?? '';
    const stranger = await signupClient(t.app);
    const expert = await approvedExpert(t, admin, { productCodes: ['ELECTRICITY_SUPPLIER'] });
    for (const caller of [stranger, expert]) {
      expect((await t.app.inject({ url: `/api/dossiers/${id}`, headers: caller.headers })).statusCode).toBe(
        404,
      );
      expect(
        (await t.app.inject({ url: `/api/dossiers/${id}/timeline`, headers: caller.headers })).statusCode,
      ).toBe(404);
    }
    expect((await act(stranger, id, 'cancel', { reason: 'pas à moi' })).statusCode).toBe(404);
    expect((await act(stranger, id, 'propose-expert', { expertId: expert.id })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ url: `/api/dossiers/${id}/experts`, headers: expert.headers })).statusCode,
    ).toBe(403);
    const pending = await signupExpert(t.app);
    expect((await t.app.inject({ url: `/api/dossiers/${id}`, headers: pending.headers })).json().code).toBe(
      'EXPERT_NOT_APPROVED',
    );
  });

  it('refuses to propose an expert who is not qualified or not approved', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const id = byProduct.ELECTRICITY_SUPPLIER ?? '';
    const wrongProduct = await approvedExpert(t, admin, { productCodes: ['MSA'] });
    const pending = await signupExpert(t.app, { productCodes: ['ELECTRICITY_SUPPLIER'] });
    for (const expertId of [wrongProduct.id, pending.id]) {
      const res = await act(client, id, 'propose-expert', { expertId });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0].field).toBe('expertId');
    }
  });

  it('lets exactly one of two concurrent conflicting transitions win', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const id = byProduct.GAS_SUPPLIER ?? byProduct.ELECTRICITY_SUPPLIER ?? '';
    const [cancel, second] = await Promise.all([
      act(client, id, 'cancel', { reason: 'finalement non' }),
      act(admin, id, 'cancel', { reason: 'doublon' }),
    ]);
    expect([cancel.statusCode, second.statusCode].sort()).toEqual([200, 409]);
  });

  it('expires an unanswered proposal after 48 h and gives the dossier back to the client to pick again', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const expert = await approvedExpert(t, admin, { productCodes: ['ELECTRICITY_SUPPLIER'] });
    const id = byProduct.ELECTRICITY_SUPPLIER ?? '';
    await step(client, id, 'propose-expert', { expertId: expert.id });
    expect((await t.app.inject({ url: `/api/dossiers/${id}`, headers: expert.headers })).statusCode).toBe(
      200,
    );
    await sql`update expert_assignments set expires_at = now() - interval '1 minute' where dossier_id = ${id}`.execute(
      t.database.db,
    );
    expect(await t.scheduler.runNow('expire-expert-proposals', { force: true })).toBe('succeeded');
    const back = (await t.app.inject({ url: `/api/dossiers/${id}`, headers: client.headers })).json();
    expect(back).toMatchObject({ status: 'eligible', assignment: null });
    expect((await t.app.inject({ url: `/api/dossiers/${id}`, headers: expert.headers })).statusCode).toBe(
      404,
    );
  });

  it('numbers invoices without gaps or duplicates under concurrent requests', {
    timeout: 120_000,
  }, async () => {
    const ids: { expert: Caller; id: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const { client, byProduct } = await clientWithDossiers(t.app);
      await completeBilling(t.app, client);
      const expert = await approvedExpert(t, admin, { productCodes: ['ELECTRICITY_SUPPLIER'] });
      const id = byProduct.ELECTRICITY_SUPPLIER ?? '';
      await sql`update dossiers set status = 'quote_accepted', expert_id = ${expert.id}, quote_amount_cents = 10000 where id = ${id}`.execute(
        t.database.db,
      );
      await sql`insert into expert_assignments (dossier_id, expert_id, status, expires_at) values (${id}, ${expert.id}, 'accepted', now())`.execute(
        t.database.db,
      );
      ids.push({ expert, id });
    }
    const before = await t.database.db.selectFrom('invoices').select('sequence').execute();
    const results = await Promise.all(ids.map(({ expert, id }) => act(expert, id, 'issue-invoice')));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    const sequences = (
      await t.database.db.selectFrom('invoices').select('sequence').orderBy('sequence').execute()
    ).map((r) => r.sequence);
    expect(sequences).toEqual(Array.from({ length: before.length + 4 }, (_, i) => i + 1));
  });

  it('lets an admin force a status of the track with a reason, audited', async () => {
    const { byProduct } = await clientWithDossiers(t.app);
    const id = byProduct.TICPE ?? '';
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${id}/force-transition`,
      headers: admin.headers,
      payload: { to: 'quote_sent', reason: 'test' },
    });
    expect(bad.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${id}/force-transition`,
      headers: admin.headers,
      payload: { to: 'admin_validated', reason: 'Pièces reçues par courrier' },
    });
    expect(ok.json()).toMatchObject({ status: 'admin_validated', progress: 20 });
    const events = (
      await t.app.inject({ url: `/api/dossiers/${id}/timeline`, headers: admin.headers })
    ).json().events;
    expect(events.at(-1)).toMatchObject({
      action: 'force-transition',
      details: { reason: 'Pièces reçues par courrier' },
    });
  });

  it('refuses every dossier endpoint to another client and an unassigned expert (404/403, never 200)', async () => {
    const { byProduct } = await clientWithDossiers(t.app);
    const id = byProduct.TICPE ?? '';
    const stranger = await signupClient(t.app);
    const outsider = await approvedExpert(t, admin, { productCodes: ['TICPE'] });
    const reads = ['', '/timeline', '/experts', '/invoice.pdf'];
    const writes = [...Object.keys(dossierActionBodies), 'force-transition', 'rate-expert'];
    for (const caller of [stranger, outsider]) {
      for (const path of reads) {
        const res = await t.app.inject({ url: `/api/dossiers/${id}${path}`, headers: caller.headers });
        expect([403, 404], `GET ${path}`).toContain(res.statusCode);
      }
      for (const action of writes) {
        const res = await act(caller, id, action, {});
        expect([400, 403, 404], `POST ${action}`).toContain(res.statusCode);
      }
    }
    const untouched = (await t.app.inject({ url: `/api/dossiers/${id}`, headers: admin.headers })).json();
    expect(untouched.status).toBe('eligible');
  });
});

import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedExpert,
  type Caller,
  clientWithDossiers,
  createAdmin,
  signEngagements,
  signupClient,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { verifySealedPdf } from '../../platform/signing/seal';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const LONG = { timeout: 180_000 };
const get = (caller: Caller, url: string) => t.app.inject({ url, headers: caller.headers });
const post = (caller: Caller, url: string, payload: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url, headers: { ...caller.headers, ...headers }, payload });
type Doc = {
  id: string;
  kind: string;
  sha256: string;
  status: string;
  body: string;
  templateVersion: number;
};

async function assigned(product: 'TICPE' | 'ELECTRICITY_SUPPLIER') {
  const { client, byProduct } = await clientWithDossiers(t.app);
  const expert = await approvedExpert(t, admin, { productCodes: [product] });
  const id = byProduct[product] ?? '';
  if (product === 'TICPE') {
    await sql`update dossiers set status = 'admin_validated' where id = ${id}`.execute(t.database.db);
  }
  expect((await post(client, `/api/dossiers/${id}/propose-expert`, { expertId: expert.id })).statusCode).toBe(
    200,
  );
  expect((await post(expert, `/api/dossiers/${id}/accept-assignment`, {})).statusCode).toBe(200);
  return { client, expert, id };
}

describe('engagement letter and mandate', () => {
  it(
    'are generated when the expert accepts, signed with evidence, sealed, and verifiable',
    LONG,
    async () => {
      const { client, expert, id } = await assigned('TICPE');
      const listed = await get(client, `/api/dossiers/${id}/engagements`);
      const documents = listed.json().documents as Doc[];
      expect(documents.map((d) => [d.kind, d.status, d.templateVersion])).toEqual([
        ['mission', 'pending', 1],
        ['mandate', 'pending', 1],
      ]);
      const [mission, mandate] = documents as [Doc, Doc];
      expect(mission.body).toContain('Transports Exemple SAS');
      expect(mission.body).toContain('30 %');
      expect(mission.body).toMatch(/Honoraires|honoraires/);
      expect(mandate.body).toContain('Direction générale des douanes et droits indirects');
      expect(mandate.body).not.toMatch(/\{\{\w+\}\}/);
      expect((await get(expert, `/api/dossiers/${id}/engagements`)).json().documents).toHaveLength(2);
      const stranger = await signupClient(t.app);
      expect((await get(stranger, `/api/dossiers/${id}/engagements`)).statusCode).toBe(404);
      expect((await get(stranger, `/api/engagements/${mission.id}/document.pdf`)).statusCode).toBe(404);

      // The SHA-256 shown is the SHA-256 of the exact file the signer reads.
      const unsigned = await get(client, `/api/engagements/${mission.id}/document.pdf`);
      expect(createHash('sha256').update(unsigned.rawPayload).digest('hex')).toBe(mission.sha256);

      const body = {
        documentSha256: mission.sha256,
        signerName: 'Julie Bernard',
        signerCapacity: 'Présidente',
        consent: true,
      };
      expect((await post(expert, `/api/engagements/${mission.id}/sign`, body)).statusCode).toBe(403);
      const noConsent = await post(client, `/api/engagements/${mission.id}/sign`, {
        ...body,
        consent: false,
      });
      expect(noConsent.statusCode).toBe(400);
      expect(noConsent.json().errors[0].field).toBe('consent');
      const changed = await post(client, `/api/engagements/${mission.id}/sign`, {
        ...body,
        documentSha256: 'a'.repeat(64),
      });
      expect(changed.json().code).toBe('DOCUMENT_CHANGED');

      const signed = await post(client, `/api/engagements/${mission.id}/sign`, body, {
        'user-agent': 'Vitest-Browser/1.0',
      });
      expect(signed.statusCode, signed.body).toBe(200);
      expect(signed.json()).toMatchObject({
        status: 'signed',
        signerName: 'Julie Bernard',
        signerCapacity: 'Présidente',
      });
      const evidence = await t.database.db
        .selectFrom('engagement_documents')
        .selectAll()
        .where('id', '=', mission.id)
        .executeTakeFirstOrThrow();
      expect(evidence).toMatchObject({
        signer_user_id: client.id,
        signer_ip: '127.0.0.1',
        signer_user_agent: 'Vitest-Browser/1.0',
        sha256: mission.sha256,
      });
      expect(evidence.consent_text).toContain('représentant légal');
      expect(evidence.signed_at).toBeInstanceOf(Date);
      expect((await post(client, `/api/engagements/${mission.id}/sign`, body)).json().code).toBe(
        'ENGAGEMENT_STATE',
      );

      // Both parties and admins download the sealed PDF; the seal verifies; one changed byte is detected.
      for (const caller of [client, expert, admin]) {
        const file = await get(caller, `/api/engagements/${mission.id}/document.pdf`);
        expect(file.statusCode).toBe(200);
        expect(createHash('sha256').update(file.rawPayload).digest('hex')).toBe(evidence.signed_sha256);
      }
      const sealed = (await get(admin, `/api/engagements/${mission.id}/document.pdf`)).rawPayload;
      expect(verifySealedPdf(sealed)).toMatchObject({ valid: true, signer: 'FinancialTracker SAS' });
      expect((await get(client, `/api/engagements/${mission.id}/verification`)).json()).toMatchObject({
        valid: true,
      });
      for (const offset of [100, Math.floor(sealed.length / 2), sealed.length - 10]) {
        const tampered = Buffer.from(sealed);
        tampered[offset] = (tampered[offset] ?? 0) ^ 0x01;
        expect(verifySealedPdf(tampered).valid, `byte ${offset}`).toBe(false);
      }
      expect(verifySealedPdf(Buffer.concat([sealed, Buffer.from('\n%extra')])).valid).toBe(false);
      expect(verifySealedPdf(unsigned.rawPayload).valid).toBe(false);
    },
  );

  it(
    'gate start-audit until both are signed, and a revoked mandate is recorded and closes it again',
    LONG,
    async () => {
      const { client, expert, id } = await assigned('TICPE');
      const gated = await post(expert, `/api/dossiers/${id}/start-audit`, {});
      expect(gated.statusCode).toBe(409);
      expect(gated.json().code).toBe('ENGAGEMENT_NOT_SIGNED');
      expect((await get(client, `/api/dossiers/${id}`)).json().engagementSigned).toBe(false);
      const [, mandate] = (await signEngagements(t.app, client, id)) as [Doc, Doc];
      expect((await get(client, `/api/dossiers/${id}`)).json().engagementSigned).toBe(true);
      expect((await post(expert, `/api/dossiers/${id}/start-audit`, {})).json().status).toBe(
        'audit_in_progress',
      );

      expect((await post(expert, `/api/engagements/${mandate.id}/revoke`, { reason: 'x' })).statusCode).toBe(
        403,
      );
      const revoked = await post(client, `/api/engagements/${mandate.id}/revoke`, {
        reason: 'Changement de conseil',
      });
      expect(revoked.json()).toMatchObject({ status: 'revoked', revocationReason: 'Changement de conseil' });
      expect(revoked.json().revokedAt).toBeTruthy();
      expect((await get(client, `/api/dossiers/${id}`)).json().engagementSigned).toBe(false);
      const timeline = (await get(expert, `/api/dossiers/${id}/timeline`))
        .json()
        .events.map((e: { action: string }) => e.action);
      expect(timeline).toEqual(expect.arrayContaining(['sign-mission', 'sign-mandate', 'revoke-mandate']));
      // Signatures are dossier changes: audited on the dossier, naming the document.
      const audit = await t.database.db
        .selectFrom('audit_events')
        .select('action')
        .where('entity_id', '=', id)
        .where(sql<boolean>`details->>'engagementDocumentId' = ${mandate.id}`)
        .orderBy('id')
        .execute();
      expect(audit.map((row) => row.action)).toEqual(['dossier.sign-mandate', 'dossier.revoke-mandate']);
      // The expert is told when it may start and when it may no longer act, written for it.
      const notices = (await get(expert, '/api/notifications')).json().items as {
        template: string | null;
        body: string;
      }[];
      expect(notices.map((n) => n.template)).toEqual(
        expect.arrayContaining([
          'dossier.sign-mission.expert',
          'dossier.sign-mandate.expert',
          'dossier.revoke-mandate.expert',
        ]),
      );
      expect(notices.find((n) => n.template === 'dossier.sign-mission.expert')?.body).toContain(
        'vous pouvez commencer l’audit',
      );
      // The client signed and revoked: it is not told of its own acts.
      const own = (await get(client, '/api/notifications')).json().items as { template: string | null }[];
      expect(own.map((n) => n.template)).not.toContain('dossier.revoke-mandate.client');
    },
  );

  it('gate accept-quote on the short track', LONG, async () => {
    const { client, expert, id } = await assigned('ELECTRICITY_SUPPLIER');
    await post(expert, `/api/dossiers/${id}/send-quote`, {
      amountCents: 150_000,
      description: 'Mise en concurrence',
      validUntil: '2099-01-01',
    });
    const detail = (await get(client, `/api/dossiers/${id}`)).json();
    // The quote shows its fee (HT, TTC) and who gets what before the client commits.
    expect(detail.fees).toMatchObject({
      feeExclVatCents: 150_000,
      vatCents: 30_000,
      totalInclVatCents: 180_000,
      platformCommissionCents: 45_000,
      expertNetCents: 105_000,
      frozen: false,
    });
    expect((await post(client, `/api/dossiers/${id}/accept-quote`, {})).json().code).toBe(
      'ENGAGEMENT_NOT_SIGNED',
    );
    await signEngagements(t.app, client, id);
    expect((await post(client, `/api/dossiers/${id}/accept-quote`, {})).json().status).toBe('quote_accepted');
  });

  it('come from admin-edited, versioned templates', LONG, async () => {
    const payload = {
      kind: 'mission',
      title: 'Lettre de mission',
      body: 'Version 2 pour {{clientCompany}} et {{expertFirm}} : mission {{productName}}, honoraires {{feeRate}}.',
    };
    const { client } = await clientWithDossiers(t.app);
    expect((await post(client, '/api/admin/engagement-templates', payload)).statusCode).toBe(403);
    const tooShort = await post(admin, '/api/admin/engagement-templates', { ...payload, body: 'court' });
    expect(tooShort.json().errors[0].field).toBe('body');
    const published = await post(admin, '/api/admin/engagement-templates', payload);
    expect(published.statusCode).toBe(200);
    const versions = published.json().templates.filter((tpl: { kind: string }) => tpl.kind === 'mission');
    expect(versions[0].version).toBeGreaterThanOrEqual(2);
    const { id } = await assigned('TICPE');
    const [mission] = (await get(admin, `/api/dossiers/${id}/engagements`)).json().documents as Doc[];
    expect(mission?.templateVersion).toBe(versions[0].version);
    expect(mission?.body).toContain('Version 2 pour Transports Exemple SAS');
  });
});

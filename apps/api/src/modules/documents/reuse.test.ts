import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedExpert, type Caller, createAdmin } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { documentsHelpers, PDF } from './test-support';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const { upload, clientWithTicpe, items, post, get } = documentsHelpers(() => t);

/** The client's Kbis sent on its TICPE dossier, and the Kbis item of its URSSAF dossier. */
async function kbisOnTwoDossiers() {
  const setup = await clientWithTicpe();
  const kbis = setup.items.find((i) => i.code === 'KBIS');
  const sent = (await upload(setup.client, setup.id, PDF, 'Kbis.pdf', kbis?.id)).json();
  const other = setup.byProduct.URSSAF ?? '';
  const target = (await items(setup.client, other)).find((i) => i.code === 'KBIS');
  return { ...setup, sent, other, target: target?.id ?? '' };
}

describe('reusing company documents', () => {
  it('attaches the same stored bytes to the matching item of another dossier, audited', async () => {
    const { client, sent, other, target } = await kbisOnTwoDossiers();
    const res = await post(client, `/api/dossiers/${other}/items/${target}/attach`, { documentId: sent.id });
    expect(res.statusCode).toBe(201);
    const attached = res.json();
    expect(attached).toMatchObject({ version: 1, sha256: sent.sha256, fileName: 'Kbis.pdf' });
    expect(attached.id).not.toBe(sent.id);
    expect((await items(client, other)).find((i) => i.id === target)?.status).toBe('uploaded');
    const keys = await t.database.db
      .selectFrom('document_versions')
      .select('storage_key')
      .where('document_id', 'in', [sent.id, attached.id])
      .execute();
    expect(new Set(keys.map((k) => k.storage_key)).size).toBe(1);
    const content = await get(client, `/api/documents/${attached.id}/content`);
    expect(content.rawPayload.equals(PDF)).toBe(true);
    const meta = (await get(client, `/api/documents/${attached.id}`)).json();
    expect(meta.versions[0].reusedFrom).toEqual({ documentId: sent.id, version: 1 });
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('entity_id', '=', attached.id)
      .where('action', '=', 'document.attached')
      .execute();
    expect(audit).toEqual([{ action: 'document.attached', actor_id: client.id }]);

    // Purging the bytes purges every version that reuses them: none would be readable.
    expect((await post(admin, `/api/documents/${sent.id}/purge`, { reason: 'Kbis périmé' })).statusCode).toBe(
      204,
    );
    expect((await get(client, `/api/documents/${attached.id}/versions/1/content`)).statusCode).toBe(410);
    expect((await items(client, other)).find((i) => i.id === target)?.status).toBe('requested');
  });

  it('refuses another client’s document (404), a non-company item and a mismatched one (400)', async () => {
    const mine = await kbisOnTwoDossiers();
    const theirs = await kbisOnTwoDossiers();
    const stolen = await post(mine.client, `/api/dossiers/${mine.other}/items/${mine.target}/attach`, {
      documentId: theirs.sent.id,
    });
    expect(stolen.statusCode).toBe(404);
    // Nor into someone else's dossier.
    expect(
      (
        await post(theirs.client, `/api/dossiers/${mine.other}/items/${mine.target}/attach`, {
          documentId: theirs.sent.id,
        })
      ).statusCode,
    ).toBe(404);

    const fuel = mine.items.find((i) => i.code === 'FUEL_INVOICES');
    const invoices = (await upload(mine.client, mine.id, PDF, 'fuel.pdf', fuel?.id)).json();
    const payslips = (await items(mine.client, mine.other)).find((i) => i.code === 'PAYSLIPS');
    const notCompany = await post(mine.client, `/api/dossiers/${mine.other}/items/${payslips?.id}/attach`, {
      documentId: invoices.id,
    });
    expect(notCompany.statusCode).toBe(400);
    expect(notCompany.json().errors[0].field).toBe('documentId');

    const rib = (await items(mine.client, mine.other)).find((i) => i.code === 'RIB');
    const mismatch = await post(mine.client, `/api/dossiers/${mine.other}/items/${rib?.id}/attach`, {
      documentId: mine.sent.id,
    });
    expect(mismatch.statusCode).toBe(400);
    const bad = await post(mine.client, `/api/dossiers/${mine.other}/items/${mine.target}/attach`, {
      documentId: 'nope',
    });
    expect(bad.statusCode).toBe(400);
  });

  it('is for the client only', async () => {
    const { sent, other, target } = await kbisOnTwoDossiers();
    const expert = await approvedExpert(t, admin, { productCodes: ['URSSAF'] });
    for (const caller of [admin, expert])
      expect(
        (await post(caller, `/api/dossiers/${other}/items/${target}/attach`, { documentId: sent.id }))
          .statusCode,
      ).toBe(403);
  });
});

describe('all my documents', () => {
  it('lists the client’s documents with filters and a cursor, and nobody else’s', async () => {
    const { client, id, items: checklist, sent, other, target } = await kbisOnTwoDossiers();
    await post(client, `/api/dossiers/${other}/items/${target}/attach`, { documentId: sent.id });
    const rib = checklist.find((i) => i.code === 'RIB');
    await upload(client, id, PDF, 'rib.pdf', rib?.id);

    const all = (await get(client, '/api/documents')).json();
    expect(all.items).toHaveLength(3);
    expect(all.items[0]).toMatchObject({
      itemCode: 'RIB',
      status: 'uploaded',
      reusable: true,
      productCode: 'TICPE',
    });
    const kbis = (await get(client, '/api/documents?kind=KBIS')).json();
    expect(kbis.items.map((d: { productCode: string }) => d.productCode).sort()).toEqual(['TICPE', 'URSSAF']);
    const onOther = (await get(client, `/api/documents?dossierId=${other}`)).json();
    expect(onOther.items).toHaveLength(1);
    expect((await get(client, '/api/documents?status=approved')).json().items).toEqual([]);

    const first = (await get(client, '/api/documents?limit=2')).json();
    expect(first.items).toHaveLength(2);
    const second = (await get(client, `/api/documents?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((d: { id: string }) => d.id)).size).toBe(3);

    const stranger = await kbisOnTwoDossiers();
    const theirs = (await get(stranger.client, '/api/documents')).json();
    expect(theirs.items.map((d: { id: string }) => d.id)).toEqual([stranger.sent.id]);
    expect((await get(stranger.client, `/api/documents?dossierId=${other}`)).json().items).toEqual([]);
    expect((await get(client, '/api/documents?status=lost')).statusCode).toBe(400);
    expect((await get(client, '/api/documents?cursor=zzz')).statusCode).toBe(400);
    expect((await get(undefined, '/api/documents')).statusCode).toBe(401);
  });

  it('gives the checklist every version of a dossier’s documents, to those who see the dossier', async () => {
    const { client, id, sent } = await kbisOnTwoDossiers();
    const res = (await get(client, `/api/dossiers/${id}/documents`)).json();
    expect(res.documents.map((d: { id: string }) => d.id)).toEqual([sent.id]);
    expect(res.documents[0].versions[0]).toMatchObject({ version: 1, uploadedBy: client.id, review: null });
    const stranger = await kbisOnTwoDossiers();
    expect((await get(stranger.client, `/api/dossiers/${id}/documents`)).statusCode).toBe(404);
    const expert = await approvedExpert(t, admin, { productCodes: ['TICPE'] });
    expect((await get(expert, `/api/dossiers/${id}/documents`)).statusCode).toBe(404);
    expect((await get(admin, `/api/dossiers/${id}/documents`)).statusCode).toBe(200);
  });
});

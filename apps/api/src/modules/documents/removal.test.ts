import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedExpert, type Caller, createAdmin, signupClient } from '../../../test/factories';
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
const pdf = (n: number) => Buffer.concat([PDF, Buffer.from(`% ${n}\n`)]);
const auditActions = async (entityId: string) =>
  (
    await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('entity_id', '=', entityId)
      .orderBy('id')
      .execute()
  ).map((a) => a.action);

/** A TICPE dossier with an expert assigned, so the expert can see its documents. */
async function assignedDossier() {
  const setup = await clientWithTicpe();
  const expert = await approvedExpert(t, admin, { productCodes: ['TICPE'] });
  for (const item of setup.items.filter((i) => i.required))
    await upload(setup.client, setup.id, PDF, `${item.code}.pdf`, item.id);
  await post(setup.client, `/api/dossiers/${setup.id}/submit-for-review`, {});
  await post(admin, `/api/dossiers/${setup.id}/validate-eligibility`, {});
  await post(setup.client, `/api/dossiers/${setup.id}/propose-expert`, { expertId: expert.id });
  await post(expert, `/api/dossiers/${setup.id}/accept-assignment`, {});
  return { ...setup, expert };
}

describe('client hide', () => {
  it('hides an unreviewed upload from the client and the expert; the item falls back; admins still see it', async () => {
    const { client, id, items: checklist, expert } = await assignedDossier();
    const item = checklist.find((i) => i.code === 'KBIS');
    const first = (await upload(client, id, pdf(2), 'kbis-v2.pdf', item?.id)).json();
    expect(first.version).toBe(2);

    expect((await post(expert, `/api/documents/${first.id}/versions/2/hide`)).statusCode).toBe(403);
    const stranger = await signupClient(t.app);
    expect((await post(stranger, `/api/documents/${first.id}/versions/2/hide`)).statusCode).toBe(404);

    expect((await post(client, `/api/documents/${first.id}/versions/2/hide`)).statusCode).toBe(204);
    const forClient = (await get(client, `/api/documents/${first.id}`)).json();
    expect(forClient.versions.map((v: { version: number }) => v.version)).toEqual([1]);
    expect((await get(client, `/api/documents/${first.id}/versions/2/content`)).statusCode).toBe(404);
    expect((await get(expert, `/api/documents/${first.id}/versions/2/content`)).statusCode).toBe(404);
    const latest = await get(client, `/api/documents/${first.id}/content`);
    expect(latest.rawPayload.equals(PDF)).toBe(true);

    const forAdmin = (await get(admin, `/api/documents/${first.id}`)).json();
    expect(forAdmin.versions[1]).toMatchObject({ version: 2, hiddenAt: expect.any(String) });
    expect((await get(admin, `/api/documents/${first.id}/versions/2/content`)).statusCode).toBe(200);
    const row = await t.database.db
      .selectFrom('document_versions')
      .select(['hidden_by'])
      .where('document_id', '=', first.id)
      .where('version', '=', 2)
      .executeTakeFirstOrThrow();
    expect(row.hidden_by).toBe(client.id);
    expect(await auditActions(first.id)).toContain('document.hidden');

    // Only its own uploads: not one the expert added to the client's dossier.
    const fuel = checklist.find((i) => i.code === 'FUEL_INVOICES');
    const byExpert = (await upload(expert, id, pdf(5), 'releve.pdf', fuel?.id)).json();
    const res = await post(client, `/api/documents/${byExpert.id}/versions/${byExpert.version}/hide`);
    expect(res.statusCode).toBe(403);

    // Again: already hidden, so nothing to take back.
    expect((await post(client, `/api/documents/${first.id}/versions/2/hide`)).statusCode).toBe(404);
  });

  it('puts the item back to "requested" when its only upload is hidden', async () => {
    const { client, id, items: checklist } = await clientWithTicpe();
    const item = checklist[0];
    const saved = (await upload(client, id, PDF, 'a.pdf', item?.id)).json();
    expect((await post(client, `/api/documents/${saved.id}/versions/1/hide`)).statusCode).toBe(204);
    expect((await items(client, id)).find((i) => i.id === item?.id)?.status).toBe('requested');
    expect((await get(client, `/api/documents/${saved.id}`)).statusCode).toBe(404);
    const mine = (await get(client, '/api/documents')).json();
    expect(mine.items.map((d: { id: string }) => d.id)).not.toContain(saved.id);
  });

  it('refuses to hide a reviewed upload', async () => {
    const { client, id, items: checklist, expert } = await assignedDossier();
    const item = checklist.find((i) => i.code === 'RIB');
    const saved = (await upload(client, id, pdf(3), 'rib.pdf', item?.id)).json();
    expect((await post(expert, `/api/documents/${saved.id}/approve`)).statusCode).toBe(204);
    const res = await post(client, `/api/documents/${saved.id}/versions/${saved.version}/hide`);
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DOCUMENT_REVIEWED');
  });
});

describe('admin purge', () => {
  it('needs an admin and a reason; removes the bytes, keeps a tombstone and audits it', async () => {
    const { client, id, items: checklist, expert } = await assignedDossier();
    const item = checklist.find((i) => i.code === 'KBIS');
    const saved = (await upload(client, id, pdf(4), 'kbis-bis.pdf', item?.id)).json();
    const key = (
      await t.database.db
        .selectFrom('document_versions')
        .select('storage_key')
        .where('document_id', '=', saved.id)
        .where('version', '=', saved.version)
        .executeTakeFirstOrThrow()
    ).storage_key;
    const file = path.join(t.filesDir, ...key.split('/'));
    expect(fs.existsSync(file)).toBe(true);

    const url = `/api/documents/${saved.id}/purge`;
    for (const caller of [client, expert])
      expect(
        (await post(caller, url, { reason: 'Données personnelles', version: saved.version })).statusCode,
      ).toBe(403);
    const noReason = await post(admin, url, { version: saved.version });
    expect(noReason.statusCode).toBe(400);
    expect(JSON.stringify(noReason.json())).toContain('reason');
    expect((await post(admin, url, { reason: ' ', version: saved.version })).statusCode).toBe(400);

    expect(
      (await post(admin, url, { reason: 'Pièce d’un autre client', version: saved.version })).statusCode,
    ).toBe(204);
    expect(fs.existsSync(file)).toBe(false);
    const gone = await get(client, `/api/documents/${saved.id}/versions/${saved.version}/content`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().code).toBe('DOCUMENT_PURGED');
    const meta = (await get(client, `/api/documents/${saved.id}`)).json();
    expect(meta.versions.at(-1)).toMatchObject({
      version: saved.version,
      purged: { reason: 'Pièce d’un autre client', at: expect.any(String) },
    });
    // The item falls back to the previous, still available version.
    expect((await get(client, `/api/documents/${saved.id}/content`)).rawPayload.equals(PDF)).toBe(true);
    expect(await auditActions(saved.id)).toContain('document.purged');
    expect((await post(admin, url, { reason: 'Encore', version: saved.version })).statusCode).toBe(409);
    expect(
      (await post(admin, `/api/documents/${crypto.randomUUID()}/purge`, { reason: 'Rien' })).statusCode,
    ).toBe(404);
  });
});

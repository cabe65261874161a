import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedExpert,
  type Caller,
  completeBilling,
  createAdmin,
  deliverNotificationEmails,
  signEngagements,
  signupClient,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { documentsHelpers, EXE, PDF } from './test-support';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp({ MAX_UPLOAD_BYTES: '65536' });
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const { upload, clientWithTicpe, storedFiles } = documentsHelpers(() => t);

describe('uploads', () => {
  it('answers 400 to a multipart body it cannot parse (no boundary), not 500', async () => {
    const { client, id } = await clientWithTicpe();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${id}/documents`,
      headers: { ...client.headers, 'content-type': 'multipart/form-data' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('MALFORMED_BODY');
    expect(storedFiles()).toEqual([]);
  });

  it('stores a PDF for a checklist item with its checksum, and serves it back intact', async () => {
    const { client, id, items } = await clientWithTicpe();
    const item = items[0];
    const res = await upload(client, id, PDF, '../../Kbis 2026.pdf', item?.id);
    expect(res.statusCode).toBe(201);
    const saved = res.json();
    expect(saved).toMatchObject({
      version: 1,
      sizeBytes: PDF.length,
      mimeType: 'application/pdf',
      fileName: 'Kbis 2026.pdf',
    });
    expect(saved.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));

    const detail = (await t.app.inject({ url: `/api/dossiers/${id}`, headers: client.headers })).json();
    expect(detail.items.find((i: { id: string }) => i.id === item?.id).status).toBe('uploaded');
    const content = await t.app.inject({
      url: `/api/documents/${saved.id}/content`,
      headers: client.headers,
    });
    expect(content.statusCode).toBe(200);
    expect(content.headers['content-type']).toBe('application/pdf');
    expect(String(content.headers['content-disposition'])).toContain("filename*=UTF-8''Kbis%202026.pdf");
    expect(content.rawPayload.equals(PDF)).toBe(true);
    const preview = await t.app.inject({
      url: `/api/documents/${saved.id}/content?preview=true`,
      headers: client.headers,
    });
    expect(String(preview.headers['content-disposition'])).toMatch(/^inline;/);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', saved.id)
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'document.uploaded',
      'document.downloaded',
      'document.downloaded',
    ]);
  });

  it('keeps every version when an item is uploaded again', async () => {
    const { client, id, items } = await clientWithTicpe();
    const first = (await upload(client, id, PDF, 'rib.pdf', items[1]?.id)).json();
    const second = (
      await upload(client, id, Buffer.concat([PDF, Buffer.from('% v2\n')]), 'rib-v2.pdf', items[1]?.id)
    ).json();
    expect(second).toMatchObject({ id: first.id, version: 2 });
    const meta = (await t.app.inject({ url: `/api/documents/${first.id}`, headers: client.headers })).json();
    expect(meta.versions.map((v: { version: number; fileName: string }) => [v.version, v.fileName])).toEqual([
      [1, 'rib.pdf'],
      [2, 'rib-v2.pdf'],
    ]);
    const viewed = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', first.id)
      .where('action', '=', 'document.viewed')
      .execute();
    expect(viewed).toHaveLength(1);
    const v1 = await t.app.inject({
      url: `/api/documents/${first.id}/versions/1/content`,
      headers: client.headers,
    });
    expect(v1.rawPayload.equals(PDF)).toBe(true);
  });

  it('refuses a file whose bytes are not an accepted type, whatever its name, and leaves nothing behind', async () => {
    const { client, id, items } = await clientWithTicpe();
    const before = storedFiles().length;
    const res = await upload(client, id, EXE, 'facture.pdf', items[0]?.id);
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(storedFiles().length).toBe(before);
    const rows = await t.database.db
      .selectFrom('documents')
      .select('id')
      .where('dossier_id', '=', id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('refuses an empty file, and accepts a PDF whatever its name says', async () => {
    const { client, id, items } = await clientWithTicpe();
    const empty = await upload(client, id, Buffer.alloc(0), 'vide.pdf', items[0]?.id);
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ code: 'EMPTY_FILE', detail: 'Ce fichier est vide.' });
    const renamed = await upload(client, id, PDF, 'photo.png', items[0]?.id);
    expect(renamed.json()).toMatchObject({ mimeType: 'application/pdf', fileName: 'photo.png' });
  });

  it('refuses a file over the size limit with 413 and leaves nothing behind', async () => {
    const { client, id } = await clientWithTicpe();
    const before = storedFiles().length;
    const res = await upload(client, id, Buffer.concat([PDF, Buffer.alloc(70_000, 32)]), 'gros.pdf');
    expect(res.statusCode).toBe(413);
    expect(res.json().detail).toContain('taille maximale');
    expect(storedFiles().length).toBe(before);
  });

  it('hides documents from anyone who may not see the dossier', async () => {
    const { client, id, items } = await clientWithTicpe();
    const saved = (await upload(client, id, PDF, 'kbis.pdf', items[0]?.id)).json();
    const stranger = await signupClient(t.app);
    const expert = await approvedExpert(t, admin, { productCodes: ['TICPE'] });
    for (const caller of [stranger, expert]) {
      expect(
        (await t.app.inject({ url: `/api/documents/${saved.id}`, headers: caller.headers })).statusCode,
      ).toBe(404);
      expect(
        (await t.app.inject({ url: `/api/documents/${saved.id}/content`, headers: caller.headers }))
          .statusCode,
      ).toBe(404);
      expect((await upload(caller, id, PDF, 'x.pdf', items[0]?.id)).statusCode).toBe(404);
    }
    expect((await t.app.inject({ url: `/api/documents/${saved.id}/content` })).statusCode).toBe(401);
  });
});

describe('review and the full track', () => {
  it('lets the client submit for review once every required item is uploaded; the expert reviews requested documents', async () => {
    const { client, id, items } = await clientWithTicpe();
    for (const item of items.filter((i) => i.required))
      expect((await upload(client, id, PDF, `${item.label}.pdf`, item.id)).statusCode).toBe(201);
    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${id}/submit-for-review`,
      headers: client.headers,
      payload: {},
    });
    expect(submitted.json().status).toBe('pending_admin_review');

    const expert = await approvedExpert(t, admin, { productCodes: ['TICPE'] });
    const post = (caller: Caller, action: string, payload: object = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/api/dossiers/${id}/${action}`,
        headers: caller.headers,
        payload,
      });
    await post(admin, 'validate-eligibility');
    await post(client, 'propose-expert', { expertId: expert.id });
    await post(expert, 'accept-assignment');
    const requested = (
      await post(expert, 'request-documents', { items: [{ label: 'Cartes grises', required: true }] })
    ).json();
    const cardItem = requested.items.find((i: { label: string }) => i.label === 'Cartes grises');
    const doc = (await upload(client, id, PDF, 'cartes-grises.pdf', cardItem.id)).json();
    expect((await post(client, 'submit-documents')).json().status).toBe('documents_submitted');

    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/documents/${doc.id}/approve`,
          headers: client.headers,
        })
      ).statusCode,
    ).toBe(403);
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/documents/${doc.id}/reject`,
      headers: expert.headers,
      payload: { reason: 'Illisible' },
    });
    expect(rejected.statusCode).toBe(204);
    await deliverNotificationEmails(t);
    const mail = await t.database.db
      .selectFrom('outbox')
      .select('subject')
      .where('to_email', '=', client.email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Pièce à redéposer : Cartes grises');
    expect(
      (await post(expert, 'request-documents', { items: [{ label: 'Attestation', required: false }] })).json()
        .status,
    ).toBe('documents_requested');
    await upload(client, id, PDF, 'cartes-grises-v2.pdf', cardItem.id);
    await post(client, 'submit-documents');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/documents/${doc.id}/approve`,
          headers: expert.headers,
        })
      ).statusCode,
    ).toBe(204);
    // The audit starts once the client signed the engagement letter and mandate.
    expect((await post(expert, 'start-audit')).json().code).toBe('ENGAGEMENT_NOT_SIGNED');
    await completeBilling(t.app, client);
    await signEngagements(t.app, client, id);
    expect((await post(expert, 'start-audit')).json().status).toBe('audit_in_progress');
    const events = (await t.app.inject({ url: `/api/dossiers/${id}/timeline`, headers: client.headers }))
      .json()
      .events.map((e: { action: string }) => e.action);
    expect(events).toContain('document-rejected');
    expect(events).toContain('document-approved');
    await sql`select 1`.execute(t.database.db);
  });
});

describe('orphan sweep', () => {
  it('removes old unreferenced and temporary files, and keeps every referenced version', async () => {
    const { client, id, items } = await clientWithTicpe();
    const saved = (await upload(client, id, PDF, 'kbis.pdf', items[0]?.id)).json();
    const version = await t.database.db
      .selectFrom('document_versions')
      .select('storage_key')
      .where('document_id', '=', saved.id)
      .executeTakeFirstOrThrow();
    const old = new Date(Date.now() - 2 * 3600 * 1000);
    const stray = path.join(t.filesDir, '2020', '01', 'stray');
    const temp = path.join(t.filesDir, 'tmp', 'interrupted');
    const fresh = path.join(t.filesDir, 'tmp', 'in-progress');
    for (const file of [stray, temp, fresh]) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, 'x');
    }
    for (const file of [stray, temp, path.join(t.filesDir, ...version.storage_key.split('/'))])
      fs.utimesSync(file, old, old);

    expect(await t.scheduler.runNow('remove-orphan-files', { force: true })).toBe('succeeded');
    expect(fs.existsSync(stray)).toBe(false);
    expect(fs.existsSync(temp)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    const content = await t.app.inject({
      url: `/api/documents/${saved.id}/content`,
      headers: client.headers,
    });
    expect(content.rawPayload.equals(PDF)).toBe(true);
  });
});

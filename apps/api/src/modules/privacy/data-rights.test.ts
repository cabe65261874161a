import { unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Caller,
  clientWithDossiers,
  createAdmin,
  login,
  PASSWORD,
  signupClient,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { DATA_EXPORTS_JOB, ERASURE_JOB, RETENTION_JOB } from '../../app';
import { documentsHelpers, PDF } from '../documents/test-support';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());
const docs = documentsHelpers(() => t);

const runJob = async (name: string) =>
  expect(await t.scheduler.runNow(name, { force: true })).toBe('succeeded');

describe('"Télécharger mes données"', () => {
  it('builds an archive as a job, with data.json, every document file and a manifest, behind an expiring link', async () => {
    const { client, byProduct } = await clientWithDossiers(t.app);
    const dossierId = byProduct.URSSAF ?? '';
    const uploaded = await docs.upload(client, dossierId, PDF, 'bulletin-janvier.pdf');
    expect(uploaded.statusCode, uploaded.body).toBe(201);

    const requested = await t.app.inject({ method: 'POST', url: '/api/me/exports', headers: client.headers });
    expect(requested.statusCode).toBe(202);
    const twice = await t.app.inject({ method: 'POST', url: '/api/me/exports', headers: client.headers });
    expect(twice.statusCode).toBe(409);
    const privacy = async () =>
      (await t.app.inject({ url: '/api/me/privacy', headers: client.headers })).json();
    expect((await privacy()).exports[0].status).toBe('pending');

    await runJob(DATA_EXPORTS_JOB);
    expect((await privacy()).exports[0]).toMatchObject({ status: 'ready' });
    const mail = await t.database.db
      .selectFrom('outbox')
      .select('body_text')
      .where('to_email', '=', client.email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const link = /\/api\/me\/exports\/download\/[\w-]+/.exec(mail.body_text)?.[0] ?? '';
    expect(link).not.toBe('');

    // The link is the owner's only.
    const stranger = await signupClient(t.app);
    expect((await t.app.inject({ url: link, headers: stranger.headers })).statusCode).toBe(404);
    const download = await t.app.inject({ url: link, headers: client.headers });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    const files = unzipSync(new Uint8Array(download.rawPayload));
    const names = Object.keys(files);
    expect(names).toContain('data.json');
    expect(names).toContain('manifest.json');
    const pdf = names.find((name) => name.endsWith('bulletin-janvier.pdf')) ?? '';
    expect(Buffer.from(files[pdf] ?? new Uint8Array()).equals(PDF)).toBe(true);
    const data = JSON.parse(Buffer.from(files['data.json'] ?? new Uint8Array()).toString('utf8'));
    expect(data.account.email).toBe(client.email);
    expect(data.company.siren).toMatch(/^\d{9}$/);
    expect(data.dossiers.length).toBe(7);
    for (const key of ['messages', 'appointments', 'notifications', 'consents'])
      expect(data).toHaveProperty(key);
    const manifest = JSON.parse(Buffer.from(files['manifest.json'] ?? new Uint8Array()).toString('utf8'));
    expect(manifest.files.map((f: { path: string }) => f.path).sort()).toEqual(
      names.filter((n) => n !== 'manifest.json').sort(),
    );

    // Expired: the link stops working and retention removes the archive.
    await sql`update data_exports set expires_at = now() - interval '1 second' where user_id = ${client.id}`.execute(
      t.database.db,
    );
    expect((await t.app.inject({ url: link, headers: client.headers })).statusCode).toBe(404);
    await runJob(RETENTION_JOB);
    expect((await privacy()).exports).toEqual([]);
  });
});

describe('the export in the account page', () => {
  it('shows the latest export, pending then ready until a date, downloadable by its owner until it expires', async () => {
    const client = await signupClient(t.app);
    const stranger = await signupClient(t.app);
    const latest = async () =>
      (await t.app.inject({ url: '/api/me/privacy', headers: client.headers })).json().exports[0];
    const requested = await t.app.inject({ method: 'POST', url: '/api/me/exports', headers: client.headers });
    expect(requested.statusCode).toBe(202);
    const { id } = requested.json();
    const archive = (caller: Caller) =>
      t.app.inject({ url: `/api/me/exports/${id}/archive`, headers: caller.headers });
    expect(await latest()).toMatchObject({ id, status: 'pending', readyAt: null, expiresAt: null });
    // Nothing to download while it is being prepared.
    expect((await archive(client)).statusCode).toBe(404);

    await runJob(DATA_EXPORTS_JOB);
    const ready = await latest();
    expect(ready).toMatchObject({ id, status: 'ready' });
    const days = (new Date(ready.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    expect(ready.sizeBytes).toBeGreaterThan(0);

    expect((await archive(stranger)).statusCode).toBe(404);
    const download = await archive(client);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['cache-control']).toBe('private, no-store');
    expect(download.rawPayload.byteLength).toBe(ready.sizeBytes);
    const data = JSON.parse(
      Buffer.from(unzipSync(new Uint8Array(download.rawPayload))['data.json'] ?? []).toString(),
    );
    expect(data.account.email).toBe(client.email);
    const downloaded = await t.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'privacy.export_downloaded')
      .where('entity_id', '=', id)
      .execute();
    expect(downloaded.map((row) => row.details)).toEqual([{ via: 'account' }]);

    await sql`update data_exports set expires_at = now() - interval '1 second' where id = ${id}`.execute(
      t.database.db,
    );
    expect((await latest()).status).toBe('expired');
    expect((await archive(client)).statusCode).toBe(404);
  });
});

describe('account deletion', () => {
  it('needs the password, can be cancelled during 30 days, then erases the person', async () => {
    const { client } = await clientWithDossiers(t.app);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/me/deletion',
      headers: client.headers,
      payload: { password: 'not-the-password' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('password');
    const asked = await t.app.inject({
      method: 'POST',
      url: '/api/me/deletion',
      headers: client.headers,
      payload: { password: PASSWORD },
    });
    expect(asked.statusCode).toBe(202);
    const due = new Date(asked.json().dueAt).getTime();
    expect(Math.round((due - Date.now()) / 86_400_000)).toBe(30);
    const cancel = await t.app.inject({ method: 'DELETE', url: '/api/me/deletion', headers: client.headers });
    expect(cancel.statusCode).toBe(204);
    expect(
      (await t.app.inject({ url: '/api/me/privacy', headers: client.headers })).json().deletion,
    ).toBeNull();

    await t.app.inject({
      method: 'POST',
      url: '/api/me/deletion',
      headers: client.headers,
      payload: { password: PASSWORD },
    });
    // Not yet due: nothing happens.
    await runJob(ERASURE_JOB);
    expect((await t.app.inject({ url: '/api/auth/me', headers: client.headers })).statusCode).toBe(200);
    await sql`update users set deletion_due_at = now() - interval '1 second' where id = ${client.id}`.execute(
      t.database.db,
    );
    await runJob(ERASURE_JOB);
    expect((await t.app.inject({ url: '/api/auth/me', headers: client.headers })).statusCode).toBe(401);
    await expect(login(t.app, client.email)).rejects.toThrow(/401/);
    const user = await t.database.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', client.id)
      .executeTakeFirstOrThrow();
    expect(user.email).toBe(`erased-${client.id}@erased.invalid`);
    expect(user.erased_at).not.toBeNull();
    const profile = await t.database.db
      .selectFrom('client_profiles')
      .selectAll()
      .where('user_id', '=', client.id)
      .executeTakeFirstOrThrow();
    expect([profile.first_name, profile.last_name, profile.phone]).toEqual(['—', '—', '']);
    // Dossiers stay (detached from the person) for invoices' sake.
    const dossiers = await t.database.db
      .selectFrom('dossiers')
      .select('id')
      .where('client_id', '=', client.id)
      .execute();
    expect(dossiers.length).toBe(7);
  });
});

describe('admin exports', () => {
  it('the processing register and the audit trail of a period, as CSV, for admins only', async () => {
    const register = await t.app.inject({
      url: '/api/admin/processing-register.csv',
      headers: admin.headers,
    });
    expect(register.statusCode).toBe(200);
    expect(register.headers['content-type']).toContain('text/csv');
    expect(register.body.split('\r\n')[0]).toBe(
      'Traitement,Finalité,Base légale,Personnes concernées,Données,Destinataires,Conservation',
    );
    expect(register.body).toContain('Facturation');
    const today = new Date().toISOString().slice(0, 10);
    const audit = await t.app.inject({
      url: `/api/admin/audit.csv?from=${today}&to=${today}`,
      headers: admin.headers,
    });
    expect(audit.statusCode).toBe(200);
    const lines = audit.body.trim().split('\r\n');
    expect(lines[0]).toBe('id,date,actor_id,actor_email,action,entity_type,entity_id,ip,user_agent,details');
    expect(lines.some((line) => line.includes('auth.2fa_verified'))).toBe(true);
    const bad = await t.app.inject({
      url: '/api/admin/audit.csv?from=2026-13-01&to=x',
      headers: admin.headers,
    });
    expect(bad.statusCode).toBe(400);
    const client = await signupClient(t.app);
    expect(
      (
        await t.app.inject({
          url: '/api/admin/audit.csv?from=2026-01-01&to=2026-01-02',
          headers: client.headers,
        })
      ).statusCode,
    ).toBe(403);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FacturX } from 'factur-x-kit';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { createMailer } from '../../platform/mail/mailer';
import { type DemoAccount, seedDemoAccounts } from './demo';
import { seedDemoStory } from './demo-story';
import { createAuthService } from './service';

let t: TestApp;
let accounts: DemoAccount[];
let dataDir: string;
beforeAll(async () => {
  t = await createTestApp();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ft-demo-'));
  const mailer = createMailer({ smtpUrl: undefined, from: 'test', log: pino({ level: 'silent' }) });
  const auth = createAuthService({ db: t.database.db, mailer, publicUrl: 'http://localhost' });
  accounts = (await seedDemoAccounts(t.database.db, auth, dataDir)) ?? [];
  await seedDemoStory(t.app, accounts);
}, 300_000);
afterAll(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const session = async (role: string) => {
  const account = accounts.find((a) => a.role === role);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: account?.email, password: account?.password },
  });
  return { authorization: `Bearer ${res.json().token}` };
};
const get = async (role: string, url: string) =>
  (await t.app.inject({ url, headers: await session(role) })).json();

describe('demo data', () => {
  it('gives the demo client dossiers at several stages, one of them invoiced and paid', async () => {
    const { items } = await get('client', '/api/dossiers?limit=100');
    const status = Object.fromEntries(
      items.map((d: { productCode: string; status: string }) => [d.productCode, d.status]),
    );
    expect(status).toMatchObject({
      DFS: 'completed',
      TICPE: 'audit_in_progress',
      URSSAF: 'documents_requested',
      ELECTRICITY_SUPPLIER: 'quote_sent',
    });
    const dfs = items.find((d: { productCode: string }) => d.productCode === 'DFS');
    const detail = await get('client', `/api/dossiers/${dfs.id}`);
    expect(detail.invoice.paidAt).not.toBeNull();
    expect(detail.engagementSigned).toBe(true);
    expect((await get('client', '/api/dashboard/client')).realisedCents).toBe(1_642_050);
    // The invoiced dossier carries a Factur-X invoice a newcomer can open right away.
    const pdf = await t.app.inject({
      url: `/api/dossiers/${dfs.id}/invoice.pdf`,
      headers: await session('client'),
    });
    expect(pdf.statusCode).toBe(200);
    const read = await FacturX.fromPDF(new Uint8Array(pdf.rawPayload));
    expect(read.validate().valid).toBe(true);
    expect(read.object).toMatchObject({ buyer: { name: 'Transports Durand SARL' } });
    // The short-track quote waits for the client to sign its letter and mandate.
    const quote = items.find((d: { productCode: string }) => d.productCode === 'ELECTRICITY_SUPPLIER');
    expect((await get('client', `/api/dossiers/${quote.id}`)).engagementSigned).toBe(false);
  });

  it('lets the demo expert handle every active product', async () => {
    const active = (
      await t.database.db.selectFrom('products').select('code').where('active', '=', true).execute()
    ).map((p) => p.code);
    const me = await get('expert', '/api/auth/me');
    expect([...me.profile.productCodes].sort()).toEqual([...active].sort());
    expect(active.length).toBeGreaterThanOrEqual(10);
  });

  it('leaves a conversation, an appointment and notifications to read', async () => {
    const conversations = await get('client', '/api/conversations');
    expect(conversations.items.length).toBeGreaterThan(0);
    const appointments = await get(
      'client',
      `/api/appointments?from=${encodeURIComponent(new Date().toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 30 * 86_400_000).toISOString())}`,
    );
    expect(appointments.items?.[0]?.status).toBe('confirmed');
    const notifications = await get('client', '/api/notifications');
    expect(notifications.items.length).toBeGreaterThan(3);
  });
});

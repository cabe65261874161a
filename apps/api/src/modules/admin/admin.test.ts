import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedExpert,
  type Caller,
  createAdmin,
  deliverNotificationEmails,
  login,
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

const me = (caller: Caller) =>
  t.app.inject({ url: '/api/auth/me', headers: caller.headers }).then((r) => r.json());
const post = (url: string, caller: Caller, payload: unknown = {}) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { ...caller.headers, 'user-agent': 'admin-test' },
    payload: payload as object,
  });

describe('expert review by admins', () => {
  it('lists pending experts with search, and approves one: the expert is e-mailed and becomes active', async () => {
    const expert = await signupExpert(t.app, { firmName: 'Cabinet Approuvable' });
    const list = await t.app.inject({
      url: '/api/admin/experts?status=pending&q=approuvable',
      headers: admin.headers,
    });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((e: { id: string }) => e.id)).toEqual([expert.id]);

    const res = await post(`/api/admin/experts/${expert.id}/approve`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ approvalStatus: 'approved', id: expert.id });
    expect((await me(expert)).user.status).toBe('active');
    await deliverNotificationEmails(t);
    const mail = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_email', '=', expert.email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.subject).toBe('Votre compte expert est validé');
  });

  it('requires a reason to reject or suspend, and shows the outcome to the expert', async () => {
    const expert = await signupExpert(t.app);
    const noReason = await post(`/api/admin/experts/${expert.id}/reject`, admin, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const rejected = await post(`/api/admin/experts/${expert.id}/reject`, admin, {
      reason: 'Diplôme non fourni',
    });
    expect(rejected.statusCode).toBe(200);
    const view = await me(expert);
    expect(view.user.status).toBe('rejected');
    expect(view.profile).toMatchObject({ approvalStatus: 'rejected', decisionReason: 'Diplôme non fourni' });
  });

  it('suspends and reactivates an approved expert, and refuses decisions that do not apply', async () => {
    const expert = await approvedExpert(t, admin);
    expect((await post(`/api/admin/experts/${expert.id}/reactivate`, admin)).statusCode).toBe(409);
    expect(
      (await post(`/api/admin/experts/${expert.id}/suspend`, admin, { reason: 'Plainte client' })).statusCode,
    ).toBe(200);
    // Suspension ends the expert's sessions; signing in again shows the suspended status.
    expect((await me(expert)).code).toBe('UNAUTHENTICATED');
    const again = await login(t.app, expert.email);
    expect((await me(again)).user.status).toBe('suspended');
    expect(
      (await post(`/api/admin/experts/${expert.id}/reject`, admin, { reason: 'trop tard' })).json().code,
    ).toBe('INVALID_TRANSITION');
    expect((await post(`/api/admin/experts/${expert.id}/reactivate`, admin)).statusCode).toBe(200);
    expect((await me(again)).user.status).toBe('active');
  });

  it('records every decision in the audit log with who, what, IP and user agent', async () => {
    const expert = await signupExpert(t.app);
    await post(`/api/admin/experts/${expert.id}/approve`, admin);
    const log = await t.app.inject({
      url: `/api/admin/audit?action=admin.expert_approve&entityId=${expert.id}`,
      headers: admin.headers,
    });
    expect(log.statusCode).toBe(200);
    const [event] = log.json().items;
    expect(event).toMatchObject({
      actorId: admin.id,
      actorEmail: admin.email,
      action: 'admin.expert_approve',
      entityType: 'expert',
      entityId: expert.id,
      userAgent: 'admin-test',
      details: { from: 'pending', to: 'approved' },
    });
    expect(event.ip).toBeTruthy();
  });

  it('answers 404 for an unknown expert and 400 for a malformed id', async () => {
    expect(
      (await post('/api/admin/experts/00000000-0000-4000-8000-000000000000/approve', admin)).statusCode,
    ).toBe(404);
    const bad = await post('/api/admin/experts/not-a-uuid/approve', admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('id');
  });
});

describe('admin lists', () => {
  it('lists clients with search and keyset pagination', async () => {
    for (const name of ['Boulangerie Alpha', 'Boulangerie Beta', 'Boulangerie Gamma'])
      await signupClient(t.app, { companyName: name });
    const first = await t.app.inject({
      url: '/api/admin/clients?q=boulangerie&limit=2',
      headers: admin.headers,
    });
    expect(first.json().items).toHaveLength(2);
    expect(first.json().nextCursor).toBeTruthy();
    const second = await t.app.inject({
      url: `/api/admin/clients?q=boulangerie&limit=2&cursor=${first.json().nextCursor}`,
      headers: admin.headers,
    });
    expect(second.json().items).toHaveLength(1);
    expect(second.json().nextCursor).toBeNull();
    const names = [...first.json().items, ...second.json().items]
      .map((c: { companyName: string }) => c.companyName)
      .sort();
    expect(names).toEqual(['Boulangerie Alpha', 'Boulangerie Beta', 'Boulangerie Gamma']);
  });

  it('shows the mail outbox', async () => {
    const client = await signupClient(t.app);
    const res = await t.app.inject({ url: '/api/admin/outbox?limit=50', headers: admin.headers });
    expect(
      res
        .json()
        .items.some(
          (m: { to: string; subject: string }) =>
            m.to === client.email && m.subject === 'Confirmez votre adresse e-mail',
        ),
    ).toBe(true);
  });
});

describe('access matrix', () => {
  const adminEndpoints = (expertId: string) =>
    [
      ['GET', '/api/admin/experts'],
      ['GET', `/api/admin/experts/${expertId}`],
      ['POST', `/api/admin/experts/${expertId}/approve`],
      ['POST', `/api/admin/experts/${expertId}/reject`],
      ['POST', `/api/admin/experts/${expertId}/suspend`],
      ['POST', `/api/admin/experts/${expertId}/reactivate`],
      ['GET', '/api/admin/clients'],
      ['GET', '/api/admin/audit'],
      ['GET', '/api/admin/outbox'],
    ] as const;

  it('refuses every admin endpoint to clients and experts (403) and to anonymous callers (401)', async () => {
    const client = await signupClient(t.app);
    const expert = await approvedExpert(t, admin);
    const pending = await signupExpert(t.app);
    for (const [method, url] of adminEndpoints(pending.id)) {
      for (const caller of [client, expert, pending]) {
        const res = await t.app.inject({
          method,
          url,
          headers: caller.headers,
          payload: { reason: 'essai de motif' },
        });
        expect(res.statusCode, `${method} ${url}`).toBe(403);
      }
      const anonymous = await t.app.inject({ method, url, payload: { reason: 'essai de motif' } });
      expect(anonymous.statusCode).toBe(401);
    }
  });

  it('keeps each role to its own profile endpoint', async () => {
    const client = await signupClient(t.app);
    const expert = await approvedExpert(t, admin);
    const asExpert = await t.app.inject({
      method: 'PATCH',
      url: '/api/clients/me/profile',
      headers: expert.headers,
      payload: { companyName: 'X' },
    });
    expect(asExpert.statusCode).toBe(403);
    const asClient = await t.app.inject({
      method: 'PATCH',
      url: '/api/experts/me/profile',
      headers: client.headers,
      payload: { bio: 'X' },
    });
    expect(asClient.statusCode).toBe(403);
  });

  it('a client editing its profile changes only its own row', async () => {
    const alice = await signupClient(t.app, { companyName: 'Alice SAS' });
    const bob = await signupClient(t.app, { companyName: 'Bob SAS' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/clients/me/profile',
      headers: alice.headers,
      payload: { companyName: 'Alice Groupe', sector: 'transport' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ companyName: 'Alice Groupe', sector: 'transport' });
    const bobView = await me(bob);
    expect(bobView.profile.companyName).toBe('Bob SAS');
  });
});

describe('row-level security on account tables', () => {
  it("returns only the client's own profile for an unfiltered SELECT in its scope", async () => {
    const alice = await signupClient(t.app);
    await signupClient(t.app);
    const rows = await withScope(t.database.db, { userId: alice.id, role: 'client' }, (trx) =>
      sql<{ user_id: string }>`select user_id from client_profiles`.execute(trx),
    );
    expect(rows.rows.map((r) => r.user_id)).toEqual([alice.id]);
    const users = await withScope(t.database.db, { userId: alice.id, role: 'client' }, (trx) =>
      sql<{ id: string }>`select id from users`.execute(trx),
    );
    expect(users.rows.map((r) => r.id)).toEqual([alice.id]);
  });

  it('does not let a pending expert approve itself even with a direct UPDATE', async () => {
    const expert = await signupExpert(t.app);
    await expect(
      withScope(t.database.db, { userId: expert.id, role: 'expert' }, (trx) =>
        sql`update expert_profiles set approval_status = 'approved' where user_id = ${expert.id}`.execute(
          trx,
        ),
      ),
    ).rejects.toThrow(/only an admin/);
    await expect(
      withScope(t.database.db, { userId: expert.id, role: 'expert' }, (trx) =>
        sql`update users set role = 'admin' where id = ${expert.id}`.execute(trx),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('shows the audit log to admins only', async () => {
    const client = await signupClient(t.app);
    const rows = await withScope(t.database.db, { userId: client.id, role: 'client' }, (trx) =>
      sql`select * from audit_events`.execute(trx),
    );
    expect(rows.rows).toEqual([]);
  });
});

describe('expert fees', () => {
  it('lets an admin set an expert’s rates within a consistent range, and nobody else', async () => {
    const expert = await approvedExpert(t, admin);
    const put = (caller: Caller, payload: object) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/admin/experts/${expert.id}/fees`,
        headers: caller.headers,
        payload,
      });
    const fees = {
      clientFeeRateBps: 2500,
      platformFeeRateBps: 2000,
      clientFeeMinBps: 1500,
      clientFeeMaxBps: 3000,
    };
    const ok = await put(admin, fees);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().fees).toEqual(fees);
    const inconsistent = await put(admin, { ...fees, clientFeeRateBps: 3500 });
    expect(inconsistent.statusCode).toBe(400);
    expect(inconsistent.json().errors[0].field).toBe('clientFeeRateBps');
    expect((await put(expert, fees)).statusCode).toBe(403);
    await expect(
      withScope(t.database.db, { userId: expert.id, role: 'expert' }, (trx) =>
        sql`update expert_profiles set platform_fee_rate_bps = 0 where user_id = ${expert.id}`.execute(trx),
      ),
    ).rejects.toThrow(/only an admin/);
  });
});

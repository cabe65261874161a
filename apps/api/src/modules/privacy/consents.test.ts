import { LEGAL_VERSIONS } from '@ft/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientSignupBody, signupClient } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('consent at sign-up', () => {
  it.each([
    ['acceptTerms', { acceptTerms: false }],
    ['acceptPrivacy', { acceptPrivacy: undefined }],
  ])('refuses a sign-up without %s, naming the field', async (field, overrides) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup/client',
      payload: clientSignupBody(overrides),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('records both consents, versioned and dated, and asks again when a version changes', async () => {
    const before = Date.now();
    const client = await signupClient(t.app);
    const rows = await t.database.db
      .selectFrom('consents')
      .selectAll()
      .where('user_id', '=', client.id)
      .orderBy('document')
      .execute();
    expect(rows.map((row) => [row.document, row.version])).toEqual([
      ['privacy', LEGAL_VERSIONS.privacy],
      ['terms', LEGAL_VERSIONS.terms],
    ]);
    expect(rows[0]?.accepted_at.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const me = async () =>
      (await t.app.inject({ url: '/api/auth/me', headers: client.headers })).json().pendingConsents;
    expect(await me()).toEqual([]);

    // As if the terms were republished: the accepted version is no longer the one in force.
    await t.database.db
      .updateTable('consents')
      .set({ version: '2020-01-01' })
      .where('user_id', '=', client.id)
      .where('document', '=', 'terms')
      .execute();
    expect(await me()).toEqual(['terms']);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/me/consents',
      headers: client.headers,
      payload: { acceptTerms: false, acceptPrivacy: true },
    });
    expect(refused.statusCode).toBe(400);
    const accepted = await t.app.inject({
      method: 'POST',
      url: '/api/me/consents',
      headers: client.headers,
      payload: { acceptTerms: true, acceptPrivacy: true },
    });
    expect(accepted.statusCode).toBe(204);
    expect(await me()).toEqual([]);
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('details')
      .where('actor_id', '=', client.id)
      .where('action', '=', 'privacy.consent_given')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ terms: LEGAL_VERSIONS.terms });
  });
});

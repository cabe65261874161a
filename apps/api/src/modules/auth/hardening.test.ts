import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Caller,
  createAdmin,
  login,
  PASSWORD,
  signupClient,
  tokenFromOutbox,
} from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { dossierWithExpert, proposal } from '../appointments/fixtures';
import { escapeText } from '../appointments/ics';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const requestReset = (email: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email } });
const reset = (token: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password-reset', payload: { token, password } });
const RESET_PATH = '/reinitialiser-mot-de-passe';

describe('password-reset links', () => {
  it('a newer link makes every earlier one worthless', async () => {
    const client = await signupClient(t.app);
    await requestReset(client.email);
    const older = await tokenFromOutbox(t, client.email, RESET_PATH);
    await requestReset(client.email);
    const newer = await tokenFromOutbox(t, client.email, RESET_PATH);
    expect(newer).not.toBe(older);

    const stale = await reset(older, 'Older-link-secret-11');
    expect(stale.statusCode).toBe(400);
    expect(stale.json().code).toBe('INVALID_TOKEN');
    expect((await reset(newer, 'Newer-link-secret-22')).statusCode).toBe(204);
    await login(t.app, client.email, 'Newer-link-secret-22');
  });

  it('a password change retires a link requested before it', async () => {
    const client = await signupClient(t.app);
    await requestReset(client.email);
    const link = await tokenFromOutbox(t, client.email, RESET_PATH);
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: client.headers,
      payload: { currentPassword: PASSWORD, newPassword: 'Changed-by-owner-33' },
    });
    expect(changed.statusCode).toBe(204);
    const res = await reset(link, 'Attacker-secret-44');
    expect(res.statusCode).toBe(400);
    await login(t.app, client.email, 'Changed-by-owner-33');
  });

  it('only one reset link is ever live, and a reset uses it up', async () => {
    const client = await signupClient(t.app);
    await requestReset(client.email);
    await requestReset(client.email);
    const first = await tokenFromOutbox(t, client.email, RESET_PATH);
    const live = await t.database.db
      .selectFrom('email_tokens')
      .select('id')
      .where('user_id', '=', client.id)
      .where('purpose', '=', 'reset_password')
      .where('used_at', 'is', null)
      .execute();
    expect(live).toHaveLength(1);
    expect((await reset(first, 'Reset-once-secret-55')).statusCode).toBe(204);
    expect((await reset(first, 'Reset-twice-secret-66')).statusCode).toBe(400);
  });
});

describe('calendar feed of a suspended expert', () => {
  it('answers 404 and the expert is signed out everywhere', async () => {
    const { expert } = await dossierWithExpert(t, admin);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/me/calendar-feed',
      headers: expert.headers,
    });
    const path = new URL(created.json().url).pathname;
    expect((await t.app.inject({ url: path })).statusCode).toBe(200);

    const suspended = await t.app.inject({
      method: 'POST',
      url: `/api/admin/experts/${expert.id}/suspend`,
      headers: admin.headers,
      payload: { reason: 'Contrôle en cours' },
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect((await t.app.inject({ url: path })).statusCode).toBe(404);
    const me = await t.app.inject({ url: '/api/auth/me', headers: expert.headers });
    expect(me.statusCode).toBe(401);

    await t.app.inject({
      method: 'POST',
      url: `/api/admin/experts/${expert.id}/reactivate`,
      headers: admin.headers,
      payload: {},
    });
    expect((await t.app.inject({ url: path })).statusCode).toBe(200);
  });
});

describe('ICS text escaping', () => {
  it('turns bare CR, LF and CRLF into \\n and drops every other control character', () => {
    expect(escapeText('a\rATTENDEE:mailto:x@evil.fr')).toBe('a\\nATTENDEE:mailto:x@evil.fr');
    expect(escapeText('a\r\nb\nc')).toBe('a\\nb\\nc');
    expect(escapeText('x\u0000y\u0007z\u001b\u007f\u0085\tend')).toBe('xyz\tend');
    expect(escapeText('a,b;c\\d')).toBe('a\\,b\\;c\\\\d');
  });

  it('an agenda carrying a bare CR cannot inject a property into the served file', async () => {
    const { client, dossierId } = await dossierWithExpert(t, admin);
    const booked = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${dossierId}/appointments`,
      headers: client.headers,
      payload: {
        ...proposal('2027-04-05T07:00:00.000Z'),
        agenda: 'Ordre du jour\rATTENDEE:mailto:intrus@example.fr\u0001',
      },
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const ics = await t.app.inject({
      url: `/api/appointments/${booked.json().id}/ics`,
      headers: client.headers,
    });
    expect(ics.statusCode).toBe(200);
    // However a reader splits lines (CRLF, CR or LF), no line starts with the injected property.
    const lines = ics.body.split(/\r\n|\r|\n/);
    expect(lines.some((line) => line.startsWith('ATTENDEE'))).toBe(false);
    expect(ics.body).not.toContain('\u0001');
    expect(ics.body.replace(/\r\n /g, '')).toContain('Ordre du jour\\nATTENDEE:mailto:intrus@example.fr');
  });
});

describe('Cache-Control on API answers', () => {
  it('JSON answers and problem answers say no-store', async () => {
    const client = await signupClient(t.app);
    const me = await t.app.inject({ url: '/api/auth/me', headers: client.headers });
    expect(me.headers['content-type']).toContain('application/json');
    expect(me.headers['cache-control']).toBe('no-store');
    const refused = await t.app.inject({ url: '/api/auth/me' });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    const invalid = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: {} });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['cache-control']).toBe('no-store');
  });
});

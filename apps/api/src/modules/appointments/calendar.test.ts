import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createAdmin } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { dossierWithExpert, proposal } from './fixtures';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const post = (caller: Caller, url: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url, headers: caller.headers, payload });
const ics = async (caller: Caller, id: string) => {
  const res = await t.app.inject({ url: `/api/appointments/${id}/ics`, headers: caller.headers });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['content-type']).toContain('text/calendar');
  return res.body;
};

describe('calendar exports', () => {
  it('exports an appointment as RFC 5545 with a stable UID, UTC times and a rising SEQUENCE', async () => {
    const { client, expert, dossierId } = await dossierWithExpert(t, admin);
    const booked = (
      await post(client, `/api/dossiers/${dossierId}/appointments`, proposal('2027-03-29T07:00:00.000Z'))
    ).json();
    await post(expert, `/api/appointments/${booked.id}/accept`);
    const first = await ics(client, booked.id);
    expect(first.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(first).toContain(`UID:${booked.id}@localhost\r\n`);
    expect(first).toContain('DTSTART:20270329T070000Z\r\n');
    expect(first).toContain('DTEND:20270329T080000Z\r\n');
    expect(first).toContain('SEQUENCE:1\r\n');
    expect(first).toContain('STATUS:CONFIRMED\r\n');
    expect(first.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);

    await post(expert, `/api/appointments/${booked.id}/reschedule`, {
      startsAt: '2027-03-29T12:00:00.000Z',
      durationMinutes: 45,
      reason: 'Déplacement, virgule; point-virgule',
    });
    const moved = await ics(expert, booked.id);
    expect(moved).toContain(`UID:${booked.id}@localhost\r\n`);
    expect(moved).toContain('DTSTART:20270329T120000Z\r\n');
    expect(moved).toContain('SEQUENCE:2\r\n');
    expect(moved).toContain('STATUS:TENTATIVE\r\n');
    // Unfolded (RFC 5545 §3.1), the reason is escaped.
    expect(moved.replace(/\r\n /g, '')).toContain('Déplacement\\, virgule\\; point-virgule');

    await post(client, `/api/appointments/${booked.id}/cancel`, { reason: 'Plus nécessaire' });
    const cancelled = await ics(client, booked.id);
    expect(cancelled).toContain('SEQUENCE:3\r\n');
    expect(cancelled).toContain('STATUS:CANCELLED\r\n');
  });

  it('serves a private feed by token, without a session, until it is rotated or revoked', async () => {
    const { client, dossierId } = await dossierWithExpert(t, admin);
    const booked = (
      await post(client, `/api/dossiers/${dossierId}/appointments`, proposal('2027-03-30T07:00:00.000Z'))
    ).json();
    const state = () =>
      t.app.inject({ url: '/api/me/calendar-feed', headers: client.headers }).then((r) => r.json());
    expect(await state()).toEqual({ active: false, createdAt: null });
    const created = await post(client, '/api/me/calendar-feed');
    expect((await state()).active).toBe(true);
    expect(created.statusCode, created.body).toBe(201);
    const path = new URL(created.json().url).pathname;
    expect(path).toMatch(/^\/api\/calendar\/[\w-]{43}\.ics$/);
    const feed = await t.app.inject({ url: path });
    expect(feed.statusCode, feed.body).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    expect(feed.body).toContain(`UID:${booked.id}@localhost`);
    // Only the hash is stored.
    const stored = await t.database.db
      .selectFrom('calendar_feeds')
      .select('token_hash')
      .where('user_id', '=', client.id)
      .executeTakeFirstOrThrow();
    expect(path).not.toContain(stored.token_hash);

    const rotated = await post(client, '/api/me/calendar-feed');
    expect((await t.app.inject({ url: path })).statusCode).toBe(404);
    const newPath = new URL(rotated.json().url).pathname;
    expect((await t.app.inject({ url: newPath })).statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: '/api/me/calendar-feed',
      headers: client.headers,
    });
    expect(revoked.statusCode).toBe(204);
    expect((await t.app.inject({ url: newPath })).statusCode).toBe(404);
    expect((await state()).active).toBe(false);
    expect((await t.app.inject({ url: '/api/calendar/not-a-token-at-all-xxxxxxxx.ics' })).statusCode).toBe(
      404,
    );
  });
});

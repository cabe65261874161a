import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedExpert, type Caller, createAdmin, deliverNotificationEmails } from '../../../test/factories';
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

// Mondays well ahead of the clock, either side of the 2027 daylight-saving changes in Paris.
const WINTER_MONDAY_9H = '2027-03-22T08:00:00.000Z'; // 09:00 UTC+1
const SUMMER_MONDAY_9H = '2027-03-29T07:00:00.000Z'; // 09:00 UTC+2, the day after the March change
const OCTOBER_MONDAY_9H = '2027-11-01T08:00:00.000Z'; // 09:00 UTC+1, the day after the October change

describe('booking an appointment', () => {
  it('lets the client propose a slot and the expert accept it, with timeline, audit and notifications', async () => {
    const { client, expert, dossierId } = await dossierWithExpert(t, admin);
    const proposed = await post(
      client,
      `/api/dossiers/${dossierId}/appointments`,
      proposal(WINTER_MONDAY_9H),
    );
    expect(proposed.statusCode, proposed.body).toBe(201);
    const appointment = proposed.json();
    expect(appointment).toMatchObject({
      status: 'pending',
      startsAt: WINTER_MONDAY_9H,
      endsAt: '2027-03-22T09:00:00.000Z',
      timeZone: 'Europe/Paris',
      durationMinutes: 60,
      meeting: { type: 'video', link: 'https://visio.example.fr/salle-1' },
      actions: ['cancel'],
    });

    const seen = await t.app.inject({
      url: `/api/dossiers/${dossierId}/appointments`,
      headers: expert.headers,
    });
    expect(seen.json().items[0].actions).toEqual(['accept', 'decline', 'counter-propose', 'cancel']);
    const accepted = await post(expert, `/api/appointments/${appointment.id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: 'confirmed',
      sequence: 1,
      actions: ['reschedule', 'cancel'],
    });
    expect((await post(expert, `/api/appointments/${appointment.id}/accept`)).statusCode).toBe(409);

    const timeline = await t.app.inject({
      url: `/api/dossiers/${dossierId}/timeline`,
      headers: client.headers,
    });
    const actions = timeline.json().events.map((event: { action: string }) => event.action);
    expect(actions).toEqual(expect.arrayContaining(['appointment.proposed', 'appointment.confirmed']));
    const audit = await t.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', appointment.id)
      .execute();
    expect(audit.map((row) => row.action)).toEqual(['appointment.proposed', 'appointment.confirmed']);
    const notified = await t.database.db
      .selectFrom('notifications')
      .select(['user_id', 'type'])
      .where('dossier_id', '=', dossierId)
      .execute();
    expect(notified).toEqual(
      expect.arrayContaining([
        { user_id: expert.id, type: 'appointment.proposed' },
        { user_id: client.id, type: 'appointment.confirmed' },
      ]),
    );
    await deliverNotificationEmails(t);
    const mail = await t.database.db
      .selectFrom('outbox')
      .select('body_text')
      .where('to_email', '=', expert.email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(mail.body_text).toContain('09:00–10:00');
    expect(mail.body_text).toContain('Europe/Paris');
  });

  it('refuses slots outside availability, off the quarter-hour grid, of another duration or in the past', async () => {
    const { client, dossierId } = await dossierWithExpert(t, admin);
    const url = `/api/dossiers/${dossierId}/appointments`;
    const cases: [object, string][] = [
      [proposal('2027-03-22T11:30:00.000Z'), 'startsAt'], // 12:30 local, lunch
      [proposal('2027-03-22T08:10:00.000Z'), 'startsAt'],
      [proposal(WINTER_MONDAY_9H, 20), 'durationMinutes'],
      [proposal('2026-01-05T08:00:00.000Z'), 'startsAt'],
      [{ ...proposal(WINTER_MONDAY_9H), meeting: { type: 'video', link: 'http://x.fr' } }, 'meeting.link'],
      [{ ...proposal(WINTER_MONDAY_9H), meeting: { type: 'on_site' } }, 'meeting.address'],
    ];
    for (const [payload, field] of cases) {
      const res = await post(client, url, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(JSON.stringify(res.json().errors)).toContain(field);
    }
  });

  it('supersedes a proposal with a counter-proposal, then declines it with a reason', async () => {
    const { client, expert, dossierId } = await dossierWithExpert(t, admin);
    const first = (
      await post(client, `/api/dossiers/${dossierId}/appointments`, proposal(WINTER_MONDAY_9H))
    ).json();
    // The counter-proposal may overlap the slot it replaces.
    const counter = await post(expert, `/api/appointments/${first.id}/counter-proposal`, {
      ...proposal('2027-03-22T08:30:00.000Z', 45),
      meeting: { type: 'phone', phone: '+33 1 23 45 67 89' },
    });
    expect(counter.statusCode, counter.body).toBe(201);
    expect(counter.json()).toMatchObject({
      supersedesId: first.id,
      proposedBy: expert.id,
      status: 'pending',
    });
    const old = await t.app.inject({ url: `/api/appointments/${first.id}`, headers: client.headers });
    expect(old.json()).toMatchObject({ status: 'superseded', actions: [] });
    expect((await post(client, `/api/appointments/${counter.json().id}/decline`, {})).statusCode).toBe(400);
    const declined = await post(client, `/api/appointments/${counter.json().id}/decline`, {
      reason: 'Indisponible',
    });
    expect(declined.json()).toMatchObject({ status: 'declined', reason: 'Indisponible' });
  });

  it('reschedules a confirmed appointment (same id, higher sequence, back to the other party) and cancels it', async () => {
    const { client, expert, dossierId } = await dossierWithExpert(t, admin);
    const booked = (
      await post(client, `/api/dossiers/${dossierId}/appointments`, proposal(WINTER_MONDAY_9H))
    ).json();
    await post(expert, `/api/appointments/${booked.id}/accept`);
    const moved = await post(expert, `/api/appointments/${booked.id}/reschedule`, {
      startsAt: '2027-03-22T13:00:00.000Z',
      durationMinutes: 30,
      reason: 'Audience au tribunal',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      id: booked.id,
      status: 'pending',
      sequence: 2,
      proposedBy: expert.id,
    });
    expect((await post(client, `/api/appointments/${booked.id}/accept`)).json().sequence).toBe(3);
    const cancelled = await post(client, `/api/appointments/${booked.id}/cancel`, {
      reason: 'Dossier réglé',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', sequence: 4, actions: [] });
  });

  it('never double-books an expert: two dossiers, overlapping slots, sent at the same time', async () => {
    const expert = await approvedExpert(t, admin);
    const a = await dossierWithExpert(t, admin, expert);
    const b = await dossierWithExpert(t, admin, expert);
    const [first, second] = await Promise.all([
      post(a.client, `/api/dossiers/${a.dossierId}/appointments`, proposal('2027-03-23T08:00:00.000Z')),
      post(b.client, `/api/dossiers/${b.dossierId}/appointments`, proposal('2027-03-23T08:30:00.000Z', 30)),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([201, 409]);
    const refused = first.statusCode === 409 ? first : second;
    expect(refused.json()).toMatchObject({ code: 'SLOT_TAKEN' });
    expect(refused.json().detail ?? refused.json().title).toMatch(/n'est plus disponible/);
    // Once the holder cancels, the slot is free again.
    const holder = first.statusCode === 201 ? { res: first, who: a.client } : { res: second, who: b.client };
    await post(holder.who, `/api/appointments/${holder.res.json().id}/cancel`, { reason: 'Plus besoin' });
    const retry = await post(
      b.client,
      `/api/dossiers/${b.dossierId}/appointments`,
      proposal('2027-03-23T08:30:00.000Z', 30),
    );
    expect(retry.statusCode, retry.body).toBe(201);
  });

  it('lets only the expert report once the meeting has started, on the timeline', async () => {
    const { client, expert, dossierId } = await dossierWithExpert(t, admin);
    const booked = (
      await post(client, `/api/dossiers/${dossierId}/appointments`, proposal(WINTER_MONDAY_9H))
    ).json();
    await post(expert, `/api/appointments/${booked.id}/accept`);
    expect(
      (await post(expert, `/api/appointments/${booked.id}/report`, { report: 'Trop tôt' })).statusCode,
    ).toBe(409);
    // The meeting took place: moved into the past as the owner (the API refuses past slots).
    await t.database.db
      .updateTable('appointments')
      .set({ starts_at: new Date(Date.now() - 7_200_000), ends_at: new Date(Date.now() - 3_600_000) })
      .where('id', '=', booked.id)
      .execute();
    expect(
      (await post(client, `/api/appointments/${booked.id}/report`, { report: 'Client' })).statusCode,
    ).toBe(403);
    const reported = await post(expert, `/api/appointments/${booked.id}/report`, {
      report: 'Pièces reçues, audit lancé.',
    });
    expect(reported.statusCode, reported.body).toBe(200);
    const timeline = await t.app.inject({
      url: `/api/dossiers/${dossierId}/timeline`,
      headers: client.headers,
    });
    expect(timeline.body).toContain('Pièces reçues, audit lancé.');
  });

  it('refuses a proposal on a closed dossier', async () => {
    const { client, dossierId } = await dossierWithExpert(t, admin);
    await t.database.db
      .updateTable('dossiers')
      .set({ status: 'cancelled' })
      .where('id', '=', dossierId)
      .execute();
    const res = await post(client, `/api/dossiers/${dossierId}/appointments`, proposal(WINTER_MONDAY_9H));
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('DOSSIER_CLOSED');
  });
});

describe('time zones and daylight saving', () => {
  it('keeps 09:00 in Paris on both sides of the March and October changes', async () => {
    const { client, expert, dossierId } = await dossierWithExpert(t, admin);
    for (const startsAt of [WINTER_MONDAY_9H, SUMMER_MONDAY_9H, OCTOBER_MONDAY_9H]) {
      const res = await post(client, `/api/dossiers/${dossierId}/appointments`, proposal(startsAt));
      expect(res.statusCode, `${startsAt} ${res.body}`).toBe(201);
    }
    // 08:00 UTC on 29 March is 10:00 in Paris: fine. 06:00 UTC is 08:00 in Paris: closed.
    const early = await post(
      client,
      `/api/dossiers/${dossierId}/appointments`,
      proposal('2027-03-29T06:00:00.000Z'),
    );
    expect(early.statusCode).toBe(400);

    const slots = await t.app.inject({
      url: `/api/experts/${expert.id}/free-slots?dossierId=${dossierId}&from=2027-03-27T00:00:00Z&to=2027-03-30T00:00:00Z&duration=60`,
      headers: client.headers,
    });
    expect(slots.statusCode, slots.body).toBe(200);
    const starts = slots.json().slots.map((slot: { startsAt: string }) => slot.startsAt);
    expect(slots.json().timeZone).toBe('Europe/Paris');
    expect(starts[0]).toBe('2027-03-29T08:00:00.000Z'); // 09:00–10:00 is taken; next free is 10:00 local
    expect(starts).not.toContain(SUMMER_MONDAY_9H);
    expect(starts.at(-1)).toBe('2027-03-29T14:00:00.000Z'); // last hour: 16:00–17:00 local
  });

  it('stores the zone of a client in Guadeloupe and shows the expert in Réunion the same instant', async () => {
    const { client, expert, dossierId } = await dossierWithExpert(t, admin);
    const zone = await t.app.inject({
      method: 'PUT',
      url: '/api/me/time-zone',
      headers: client.headers,
      payload: { timeZone: 'America/Guadeloupe' },
    });
    expect(zone.statusCode, zone.body).toBe(200);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/me/time-zone',
      headers: client.headers,
      payload: { timeZone: 'Mars/Olympus' },
    });
    expect(bad.statusCode).toBe(400);
    // 04:00 in Guadeloupe = 08:00 UTC = 09:00 in Paris.
    const res = await post(
      client,
      `/api/dossiers/${dossierId}/appointments`,
      proposal('2027-03-22T04:00:00-04:00'),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ startsAt: WINTER_MONDAY_9H, timeZone: 'America/Guadeloupe' });
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/time-zone',
      headers: expert.headers,
      payload: { timeZone: 'Indian/Reunion' },
    });
    expect((await t.app.inject({ url: '/api/me/time-zone', headers: expert.headers })).json()).toEqual({
      timeZone: 'Indian/Reunion',
    });
    await deliverNotificationEmails(t);
    const mail = await t.database.db
      .selectFrom('outbox')
      .select('body_text')
      .where('to_email', '=', expert.email)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    // The expert's zone when the proposal was sent was still Paris.
    expect(mail.body_text).toContain('09:00–10:00');
  });
});

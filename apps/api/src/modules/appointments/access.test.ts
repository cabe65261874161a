import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedExpert, type Caller, createAdmin, signupClient } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { dossierWithExpert, OFFICE_HOURS, proposal } from './fixtures';

let t: TestApp;
let admin: Caller;
let parties: Awaited<ReturnType<typeof dossierWithExpert>>;
let appointmentId: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
  parties = await dossierWithExpert(t, admin);
  const booked = await t.app.inject({
    method: 'POST',
    url: `/api/dossiers/${parties.dossierId}/appointments`,
    headers: parties.client.headers,
    payload: proposal('2027-03-22T08:00:00.000Z'),
  });
  appointmentId = booked.json().id;
});
afterAll(() => t.close());

type Call = { method: 'GET' | 'POST' | 'PUT' | 'DELETE'; url: string; payload?: object };
const endpoints = (): Call[] => {
  const { dossierId, expert } = parties;
  const id = appointmentId;
  const range = 'from=2027-03-20T00:00:00Z&to=2027-03-27T00:00:00Z';
  return [
    { method: 'GET', url: `/api/dossiers/${dossierId}/appointments` },
    {
      method: 'POST',
      url: `/api/dossiers/${dossierId}/appointments`,
      payload: proposal('2027-03-22T13:00:00.000Z'),
    },
    { method: 'GET', url: `/api/appointments/${id}` },
    { method: 'GET', url: `/api/appointments/${id}/ics` },
    { method: 'POST', url: `/api/appointments/${id}/accept` },
    { method: 'POST', url: `/api/appointments/${id}/decline`, payload: { reason: 'Non merci' } },
    {
      method: 'POST',
      url: `/api/appointments/${id}/counter-proposal`,
      payload: proposal('2027-03-22T13:00:00.000Z'),
    },
    {
      method: 'POST',
      url: `/api/appointments/${id}/reschedule`,
      payload: { startsAt: '2027-03-22T13:00:00.000Z', durationMinutes: 30, reason: 'Autre heure' },
    },
    { method: 'POST', url: `/api/appointments/${id}/cancel`, payload: { reason: 'Pas le mien' } },
    { method: 'POST', url: `/api/appointments/${id}/report`, payload: { report: 'Rapport' } },
    {
      method: 'GET',
      url: `/api/experts/${expert.id}/free-slots?dossierId=${dossierId}&${range}&duration=30`,
    },
  ];
};

async function expectDenied(caller: Caller, who: string) {
  for (const call of endpoints()) {
    const res = await t.app.inject({ ...call, headers: caller.headers });
    expect([403, 404], `${who} ${call.method} ${call.url} → ${res.statusCode} ${res.body}`).toContain(
      res.statusCode,
    );
  }
  const mine = await t.app.inject({
    url: '/api/appointments?from=2027-03-01T00:00:00Z&to=2027-04-01T00:00:00Z',
    headers: caller.headers,
  });
  expect(mine.json().items).toEqual([]);
}

describe('who may see and act on appointments', () => {
  it('denies another client every endpoint', async () => {
    await expectDenied(await signupClient(t.app), 'other client');
  });

  it('denies another expert, even one with availability and dossiers of its own', async () => {
    const other = await approvedExpert(t, admin);
    await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: other.headers,
      payload: OFFICE_HOURS,
    });
    await expectDenied(other, 'other expert');
  });

  it('denies the expert once its assignment has ended', async () => {
    const ended = await dossierWithExpert(t, admin);
    const booked = await t.app.inject({
      method: 'POST',
      url: `/api/dossiers/${ended.dossierId}/appointments`,
      headers: ended.client.headers,
      payload: proposal('2027-03-23T08:00:00.000Z'),
    });
    await sql`update expert_assignments set status = 'ended' where dossier_id = ${ended.dossierId}`.execute(
      t.database.db,
    );
    const res = await t.app.inject({
      url: `/api/appointments/${booked.json().id}`,
      headers: ended.expert.headers,
    });
    expect(res.statusCode).toBe(404);
  });

  it('lets an admin read but not act for a party, and keeps availability to experts', async () => {
    expect(
      (await t.app.inject({ url: `/api/appointments/${appointmentId}`, headers: admin.headers })).statusCode,
    ).toBe(200);
    const accept = await t.app.inject({
      method: 'POST',
      url: `/api/appointments/${appointmentId}/accept`,
      headers: admin.headers,
    });
    expect(accept.statusCode).toBe(403);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/me/availability',
      headers: parties.client.headers,
      payload: OFFICE_HOURS,
    });
    expect(put.statusCode).toBe(403);
    expect(
      (
        await t.app.inject({
          url: '/api/appointments/00000000-0000-4000-8000-000000000000',
          headers: admin.headers,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('requires a session everywhere but on the feed', async () => {
    for (const call of endpoints()) {
      expect((await t.app.inject(call)).statusCode, call.url).toBe(401);
    }
  });

  it('still serves both parties', async () => {
    for (const caller of [parties.client, parties.expert]) {
      const res = await t.app.inject({ url: `/api/appointments/${appointmentId}`, headers: caller.headers });
      expect(res.statusCode).toBe(200);
    }
  });
});

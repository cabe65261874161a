import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, createAdmin, deliverNotificationEmails } from '../../../test/factories';
import { createTestApp, type TestApp } from '../../../test/test-app';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import type { DB } from '../../database';
import { JobScheduler } from '../../platform/jobs/scheduler';
import { createLocalHub } from '../../platform/realtime/hub';
import { createNotificationsService } from '../notifications/service';
import { dossierWithExpert, proposal } from './fixtures';
import { createAppointmentMessenger } from './notify';
import { sendDueReminders } from './reminders';
import { createAppointmentsRepository } from './repository';

let t: TestApp;
let admin: Caller;
beforeAll(async () => {
  t = await createTestApp();
  admin = await createAdmin(t);
});
afterAll(() => t.close());

const post = (caller: Caller, url: string, payload: object = {}) =>
  t.app.inject({ method: 'POST', url, headers: caller.headers, payload });

const remindersOf = (appointmentId: string) =>
  t.database.db
    .selectFrom('appointment_reminders')
    .select(['user_id', 'minutes_before', 'due_at', 'sent_at'])
    .where('appointment_id', '=', appointmentId)
    .orderBy('minutes_before', 'desc')
    .orderBy('user_id')
    .execute();

async function confirmed(startsAt = '2027-03-22T08:00:00.000Z') {
  const parties = await dossierWithExpert(t, admin);
  const booked = await post(
    parties.client,
    `/api/dossiers/${parties.dossierId}/appointments`,
    proposal(startsAt),
  );
  const accepted = await post(parties.expert, `/api/appointments/${booked.json().id}/accept`);
  expect(accepted.statusCode, accepted.body).toBe(200);
  return { ...parties, id: booked.json().id as string };
}

/** Time passes: the reminders of this appointment fall due (the meeting itself is still ahead). */
const makeDue = (appointmentId: string) =>
  t.database.db
    .updateTable('appointment_reminders')
    .set({ due_at: new Date(Date.now() - 1000) })
    .where('appointment_id', '=', appointmentId)
    .execute();

const remindersReceived = (dossierId: string) =>
  t.database.db
    .selectFrom('notifications')
    .select('user_id')
    .where('dossier_id', '=', dossierId)
    .where('type', '=', 'appointment.reminder')
    .execute();

describe('appointment reminders', () => {
  it('schedules a reminder a day and an hour before, for each party, once confirmed', async () => {
    const { id, client, expert } = await confirmed();
    const rows = await remindersOf(id);
    const seen = rows.map((row) => [row.user_id, row.minutes_before, row.due_at.toISOString(), row.sent_at]);
    expect(seen).toHaveLength(4);
    expect(seen).toEqual(
      expect.arrayContaining([
        [client.id, 1440, '2027-03-21T08:00:00.000Z', null],
        [expert.id, 1440, '2027-03-21T08:00:00.000Z', null],
        [client.id, 60, '2027-03-22T07:00:00.000Z', null],
        [expert.id, 60, '2027-03-22T07:00:00.000Z', null],
      ]),
    );
  });

  it('moves the reminders with a rescheduled appointment and drops them when it is cancelled', async () => {
    const { id, client, expert } = await confirmed();
    await post(expert, `/api/appointments/${id}/reschedule`, {
      startsAt: '2027-03-23T13:00:00.000Z',
      durationMinutes: 30,
      reason: 'Empêchement',
    });
    expect(await remindersOf(id)).toEqual([]);
    await post(client, `/api/appointments/${id}/accept`);
    const moved = await remindersOf(id);
    expect(moved).toHaveLength(4);
    expect(moved.map((row) => row.due_at.toISOString())).toContain('2027-03-23T12:00:00.000Z');
    await post(client, `/api/appointments/${id}/cancel`, { reason: 'Réglé par téléphone' });
    expect(await remindersOf(id)).toEqual([]);
  });

  it('sends each due reminder exactly once, in the app and by e-mail, with two schedulers racing', async () => {
    const { id, dossierId, client, expert } = await confirmed();
    await makeDue(id);
    // A second instance: another app on the same database with its own scheduler.
    const logger = pino({ level: 'silent' });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', JOBS_ENABLED: 'false' }, 'test');
    const other = new JobScheduler<DB>(t.database.db, logger);
    const otherApp = await buildApp({
      config,
      database: t.database,
      logger,
      scheduler: other,
      filesDir: t.filesDir,
    });
    try {
      const outcomes = await Promise.all([
        t.scheduler.runNow('appointment-reminders', { force: true }),
        other.runNow('appointment-reminders', { force: true }),
        t.scheduler.runNow('appointment-reminders', { force: true }),
      ]);
      expect(outcomes).toContain('succeeded');
    } finally {
      await otherApp.close();
    }
    const received = await remindersReceived(dossierId);
    expect(received.map((row) => row.user_id).sort()).toEqual(
      [client.id, client.id, expert.id, expert.id].sort(),
    );
    await deliverNotificationEmails(t);
    const mails = await t.database.db
      .selectFrom('outbox')
      .select('subject')
      .where('to_email', '=', client.email)
      .where('subject', 'like', 'Rappel%')
      .execute();
    expect(mails.map((mail) => mail.subject).sort()).toEqual([
      'Rappel : rendez-vous dans une heure',
      'Rappel : rendez-vous demain',
    ]);
    expect((await remindersOf(id)).every((row) => row.sent_at !== null)).toBe(true);
    await t.scheduler.runNow('appointment-reminders', { force: true });
    expect(await remindersReceived(dossierId)).toHaveLength(4);
  });

  it('claims safely without the scheduler lock too (two claims at once)', async () => {
    const { id, dossierId } = await confirmed('2027-03-24T08:00:00.000Z');
    await makeDue(id);
    const messenger = createAppointmentMessenger({
      repository: createAppointmentsRepository(),
      notify: createNotificationsService({ hub: createLocalHub() }).notify,
    });
    const now = new Date();
    const counts = await Promise.all([
      sendDueReminders(t.database.db, messenger, now),
      sendDueReminders(t.database.db, messenger, now),
    ]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(await remindersReceived(dossierId)).toHaveLength(4);
  });

  it('sends nothing for a cancelled appointment whose reminders had fallen due', async () => {
    const { id, dossierId, client } = await confirmed('2027-03-25T08:00:00.000Z');
    await makeDue(id);
    await post(client, `/api/appointments/${id}/cancel`, { reason: 'Annulé' });
    await t.scheduler.runNow('appointment-reminders', { force: true });
    expect(await remindersReceived(dossierId)).toEqual([]);
  });
});

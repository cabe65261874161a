import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../database';
import type { AppointmentMessenger } from './notify';
import type { AppointmentRow } from './repository';

/** Reminders go out this long before a confirmed appointment: a day, then an hour. */
export const REMINDER_MINUTES = [1440, 60] as const;

/** One reminder per party and delay; a delay already past when the meeting is confirmed is skipped. */
export async function scheduleReminders(db: Kysely<DB>, appointment: AppointmentRow, now: Date) {
  const rows = REMINDER_MINUTES.flatMap((minutes) => {
    const dueAt = new Date(appointment.starts_at.getTime() - minutes * 60_000);
    if (dueAt <= now) return [];
    return [appointment.client_id, appointment.expert_id].map((userId) => ({
      appointment_id: appointment.id,
      user_id: userId,
      minutes_before: minutes,
      due_at: dueAt,
    }));
  });
  if (rows.length > 0) await db.insertInto('appointment_reminders').values(rows).execute();
}

/** Unsent reminders of a moved, declined or cancelled appointment are dropped (sent ones stay as history). */
export async function cancelReminders(db: Kysely<DB>, appointmentId: string) {
  await db
    .deleteFrom('appointment_reminders')
    .where('appointment_id', '=', appointmentId)
    .where('sent_at', 'is', null)
    .execute();
}

type Claimed = { id: number; appointment_id: string; user_id: string; minutes_before: number };

/**
 * Sends the reminders that are due. The scheduler's advisory lock already keeps two instances from
 * running this at once; the claim is safe on its own too: `FOR UPDATE SKIP LOCKED` hands each row to
 * one transaction and `sent_at is null` is checked again by the update, so a reminder is marked and
 * sent in one transaction, exactly once.
 */
export async function sendDueReminders(db: Kysely<DB>, messenger: AppointmentMessenger, now: Date) {
  return db.transaction().execute(async (trx) => {
    const claimed = await sql<Claimed>`
      update appointment_reminders set sent_at = ${now}
      where id in (
        select r.id from appointment_reminders r
        join appointments a on a.id = r.appointment_id
        where r.sent_at is null and r.due_at <= ${now} and a.status = 'confirmed' and a.starts_at > ${now}
        order by r.due_at
        limit 200
        for update of r skip locked
      ) and sent_at is null
      returning id, appointment_id, user_id, minutes_before`.execute(trx);
    for (const reminder of claimed.rows) {
      const appointment = await trx
        .selectFrom('appointments')
        .selectAll()
        .where('id', '=', reminder.appointment_id)
        .executeTakeFirstOrThrow();
      await messenger.tell(trx, appointment as AppointmentRow, {
        type: 'appointment.reminder',
        template: reminder.minutes_before === 60 ? 'appointment.reminder.hour' : 'appointment.reminder.day',
        onlyUserId: reminder.user_id,
      });
    }
    return claimed.rows.length;
  });
}

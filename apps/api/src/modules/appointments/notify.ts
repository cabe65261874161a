import type { NotificationType } from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import type { Notify } from '../notifications/service';
import type { AppointmentRow, AppointmentsRepository } from './repository';

export type AppointmentMessenger = {
  /** Tells both parties (or all but `exceptUserId`, or only `onlyUserId`) in the app and by e-mail, in each one's zone. */
  tell(
    db: Kysely<DB>,
    appointment: AppointmentRow,
    message: {
      type: NotificationType;
      title: string;
      body: string;
      exceptUserId?: string;
      onlyUserId?: string;
    },
  ): Promise<void>;
};

/** "lundi 5 janvier 2026, 09:00–10:00 (heure de Paris, Europe/Paris)" in the reader's zone. */
export function describeTime(startsAt: Date, endsAt: Date, timeZone: string): string {
  const day = new Intl.DateTimeFormat('fr-FR', { timeZone, dateStyle: 'full' }).format(startsAt);
  const hour = new Intl.DateTimeFormat('fr-FR', { timeZone, hour: '2-digit', minute: '2-digit' });
  const zoneName =
    new Intl.DateTimeFormat('fr-FR', { timeZone, timeZoneName: 'longGeneric' })
      .formatToParts(startsAt)
      .find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  return `${day}, ${hour.format(startsAt)}–${hour.format(endsAt)} (${zoneName}, ${timeZone})`;
}

/**
 * The one place appointments send messages: through `notify`, which shows them in the app and
 * e-mails them as each recipient's notification preferences say, in the recipient's own zone.
 */
export function createAppointmentMessenger(deps: {
  repository: AppointmentsRepository;
  notify: Notify;
}): AppointmentMessenger {
  return {
    async tell(db, appointment, message) {
      const link = `/dossiers/${appointment.dossier_id}`;
      for (const recipient of await deps.repository.recipients(db, appointment.id)) {
        if (recipient.user_id === message.exceptUserId) continue;
        if (message.onlyUserId && recipient.user_id !== message.onlyUserId) continue;
        const when = describeTime(appointment.starts_at, appointment.ends_at, recipient.time_zone);
        const body = `${message.body}\n${when}`;
        await deps.notify(db, {
          userId: recipient.user_id,
          type: message.type,
          title: message.title,
          body,
          link,
          dossierId: appointment.dossier_id,
        });
      }
    },
  };
}

import type { NoticeParams, NotificationType } from '@ft/contracts';
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
      /** A template of @ft/contracts' notices; `{{when}}` is the slot in each recipient's zone. */
      template: string;
      params?: NoticeParams;
      exceptUserId?: string;
      onlyUserId?: string;
    },
  ): Promise<void>;
};

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
        await deps.notify(db, {
          userId: recipient.user_id,
          type: message.type,
          template: message.template,
          params: {
            ...message.params,
            startsAt: appointment.starts_at.toISOString(),
            endsAt: appointment.ends_at.toISOString(),
            timeZone: recipient.time_zone,
          },
          link,
          dossierId: appointment.dossier_id,
        });
      }
    },
  };
}

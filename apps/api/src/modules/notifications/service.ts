import { randomUUID } from 'node:crypto';
import { type NoticeParams, type NotificationType, renderNotice } from '@ft/contracts';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import type { RealtimeHub } from '../../platform/realtime/hub';

/**
 * One notification for one recipient: its template of `NOTICE_TEMPLATES` (@ft/contracts) and the
 * parameters it reads; `link` is an in-app path such as `/dossiers/<id>`.
 */
export type NotifyInput = {
  userId: string;
  type: NotificationType;
  template: string;
  params?: NoticeParams;
  link?: string;
  dossierId?: string;
};

export type Notify = (db: Kysely<DB>, inputs: NotifyInput | readonly NotifyInput[]) => Promise<void>;

/**
 * New-message e-mails wait this long: a message read in the app meanwhile sends no e-mail, and
 * every message of the burst goes into the one e-mail sent when the first falls due.
 */
export const MESSAGE_EMAIL_DELAY_SECONDS = 5 * 60;

/**
 * Records notifications inside the caller's transaction (a rolled-back action notifies no one),
 * honouring the recipient's preferences per channel: an in-app row announced to the recipient's
 * open sockets, and/or an e-mail queued for the delivery job.
 */
export function createNotificationsService(deps: { hub: RealtimeHub }) {
  const notify: Notify = async (db, inputs) => {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    for (const input of list) {
      // The recipient's preferences come through a security-definer function: the caller may not
      // read them, only learn which channels are on.
      const channels = await sql<{ in_app: boolean; email: boolean }>`
        select in_app, email from app_notification_channels(${input.userId}, ${input.type})`.execute(db);
      const wanted = channels.rows[0] ?? { in_app: true, email: true };
      // Ids are made here rather than returned: RETURNING would need the caller to be allowed to
      // read the new rows, and notifications are readable by their recipient only.
      const id = wanted.in_app ? randomUUID() : null;
      const params = input.params ?? {};
      // Stored in French too: the history, the admin's outbox and older clients read that text.
      const french = renderNotice('fr', input.template, params);
      if (!french) throw new Error(`Unknown notification template: ${input.template}`);
      const content = {
        type: input.type,
        title: french.title,
        body: french.body,
        template: input.template,
        params: JSON.stringify(params),
        link: input.link ?? null,
      };
      if (id) {
        await db
          .insertInto('notifications')
          .values({ id, user_id: input.userId, dossier_id: input.dossierId ?? null, ...content })
          .execute();
      }
      if (wanted.email) {
        await db
          .insertInto('notification_emails')
          .values({
            user_id: input.userId,
            notification_id: id,
            ...content,
            due_at:
              input.type === 'message.new'
                ? sql<Date>`now() + make_interval(secs => ${MESSAGE_EMAIL_DELAY_SECONDS})`
                : sql<Date>`now()`,
          })
          .execute();
      }
      if (id) {
        await deps.hub.publish(db, [input.userId], {
          type: 'notification.created',
          payload: { id, type: input.type, title: french.title },
        });
      }
    }
  };
  return { notify };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;

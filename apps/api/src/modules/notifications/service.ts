import { randomUUID } from 'node:crypto';
import type { NotificationType } from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import type { RealtimeHub } from '../../platform/realtime/hub';

/** One notification for one recipient; `link` is an in-app path such as `/dossiers/<id>`. */
export type NotifyInput = {
  userId: string;
  type: NotificationType;
  title: string;
  body?: string;
  link?: string;
  dossierId?: string;
};

export type Notify = (db: Kysely<DB>, inputs: NotifyInput | readonly NotifyInput[]) => Promise<void>;

/**
 * Records notifications inside the caller's transaction (a rolled-back action notifies no one) and
 * announces them to the recipients' open sockets.
 */
export function createNotificationsService(deps: { hub: RealtimeHub }) {
  const notify: Notify = async (db, inputs) => {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    if (list.length === 0) return;
    // Ids are made here rather than returned: RETURNING would need the caller to be allowed to read
    // the new rows, and notifications are readable by their recipient only.
    const rows = list.map((input) => ({
      id: randomUUID(),
      user_id: input.userId,
      type: input.type,
      title: input.title,
      body: input.body ?? '',
      link: input.link ?? null,
      dossier_id: input.dossierId ?? null,
    }));
    await db.insertInto('notifications').values(rows).execute();
    for (const row of rows) {
      await deps.hub.publish(db, [row.user_id], {
        type: 'notification.created',
        payload: { id: row.id, type: row.type, title: row.title },
      });
    }
  };
  return { notify };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;

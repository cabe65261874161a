import type { NotificationChannel, NotificationFilter } from '@ft/contracts';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../database';
import type { Keyset } from '../../platform/db/pagination';
import type { NotificationsTable } from './tables';

export type NotificationRow = Selectable<NotificationsTable>;

/** The recipient's own notifications; row-level security adds `user_id = caller` to every query. */
export const notificationsRepository = {
  list(db: Kysely<DB>, userId: string, query: { filter: NotificationFilter; after?: Keyset; limit: number }) {
    let select = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
    if (query.filter === 'archived') select = select.where('archived_at', 'is not', null);
    else select = select.where('archived_at', 'is', null);
    if (query.filter === 'unread') select = select.where('read_at', 'is', null);
    const after = query.after;
    if (after) {
      select = select.where((eb) =>
        eb.or([
          eb('created_at', '<', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
        ]),
      );
    }
    return select
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(query.limit + 1)
      .execute();
  },

  async unreadCount(db: Kysely<DB>, userId: string): Promise<number> {
    const row = await db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    return Number(row?.count ?? 0);
  },

  /** Marks read (keeping the first read time); undefined when the caller has no such notification. */
  markRead(db: Kysely<DB>, userId: string, id: string) {
    return db
      .updateTable('notifications')
      .set({ read_at: sql<Date>`coalesce(read_at, now())` })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
  },

  async markAllRead(db: Kysely<DB>, userId: string): Promise<number> {
    const result = await db
      .updateTable('notifications')
      .set({ read_at: sql<Date>`now()` })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  },

  /** Archiving also reads it: an archived notification never counts as unread. */
  archive(db: Kysely<DB>, userId: string, id: string) {
    return db
      .updateTable('notifications')
      .set({
        read_at: sql<Date>`coalesce(read_at, now())`,
        archived_at: sql<Date>`coalesce(archived_at, now())`,
      })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .returningAll()
      .executeTakeFirst();
  },

  preferences(db: Kysely<DB>, userId: string) {
    return db
      .selectFrom('notification_preferences')
      .select(['type', 'channel', 'enabled'])
      .where('user_id', '=', userId)
      .execute();
  },

  async savePreferences(
    db: Kysely<DB>,
    userId: string,
    rows: { type: string; channel: NotificationChannel; enabled: boolean }[],
  ) {
    if (rows.length === 0) return;
    await db
      .insertInto('notification_preferences')
      .values(rows.map((row) => ({ user_id: userId, ...row })))
      .onConflict((oc) =>
        oc.columns(['user_id', 'type', 'channel']).doUpdateSet((eb) => ({
          enabled: eb.ref('excluded.enabled'),
          updated_at: sql<Date>`now()`,
        })),
      )
      .execute();
  },
};

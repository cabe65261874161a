import {
  NOTIFICATION_TYPES_BY_ROLE,
  type Notification,
  type NotificationListQuery,
  type NotificationPreferences,
  type NotificationType,
  notificationTypeSchema,
  type UpdateNotificationPreferences,
} from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { decodeCursor, page } from '../../platform/db/pagination';
import { withScope } from '../../platform/db/scoped';
import { notFound, validationFailed } from '../../platform/http/errors';
import { type NotificationRow, notificationsRepository as repo } from './repository';

function toNotification(row: NotificationRow): Notification {
  return {
    id: row.id,
    // Rows are only written through `notify`, which takes a NotificationType.
    type: notificationTypeSchema.parse(row.type),
    title: row.title,
    body: row.body,
    template: row.template,
    params: row.params,
    link: row.link,
    dossierId: row.dossier_id,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
    archivedAt: row.archived_at?.toISOString() ?? null,
  };
}

const scopeOf = (actor: Actor) => ({ userId: actor.userId, role: actor.role });
const missing = () => notFound('Notification introuvable.');

/** What a user does with its own notifications: read them, mark them, archive them, tune them. */
export function createNotificationInbox({ db }: { db: Kysely<DB> }) {
  return {
    async list(actor: Actor, query: NotificationListQuery) {
      const rows = await withScope(db, scopeOf(actor), (trx) =>
        repo.list(trx, actor.userId, {
          filter: query.filter,
          after: decodeCursor(query.cursor),
          limit: query.limit,
        }),
      );
      const result = page(rows, query.limit, (row) => ({ createdAt: row.created_at, id: row.id }));
      return { items: result.items.map(toNotification), nextCursor: result.nextCursor };
    },

    async unreadCount(actor: Actor) {
      return { count: await withScope(db, scopeOf(actor), (trx) => repo.unreadCount(trx, actor.userId)) };
    },

    async markRead(actor: Actor, id: string, meta: RequestMeta) {
      const row = await withScope(db, scopeOf(actor), async (trx) => {
        const updated = await repo.markRead(trx, actor.userId, id);
        if (!updated) throw missing();
        await recordAudit(trx, meta, {
          action: 'notification.read',
          entityType: 'notification',
          entityId: id,
        });
        return updated;
      });
      return toNotification(row);
    },

    async markAllRead(actor: Actor, meta: RequestMeta) {
      const updated = await withScope(db, scopeOf(actor), async (trx) => {
        const count = await repo.markAllRead(trx, actor.userId);
        await recordAudit(trx, meta, { action: 'notification.read_all', details: { count } });
        return count;
      });
      return { updated };
    },

    async archive(actor: Actor, id: string, meta: RequestMeta) {
      const row = await withScope(db, scopeOf(actor), async (trx) => {
        const updated = await repo.archive(trx, actor.userId, id);
        if (!updated) throw missing();
        await recordAudit(trx, meta, {
          action: 'notification.archived',
          entityType: 'notification',
          entityId: id,
        });
        return updated;
      });
      return toNotification(row);
    },

    /** The matrix for the types that can concern the caller's role; unset means on. */
    async preferences(actor: Actor): Promise<NotificationPreferences> {
      const rows = await withScope(db, scopeOf(actor), (trx) => repo.preferences(trx, actor.userId));
      const enabled = (type: NotificationType, channel: 'in_app' | 'email') =>
        rows.find((row) => row.type === type && row.channel === channel)?.enabled ?? true;
      return {
        items: NOTIFICATION_TYPES_BY_ROLE[actor.role].map((type) => ({
          type,
          inApp: enabled(type, 'in_app'),
          email: enabled(type, 'email'),
        })),
      };
    },

    async updatePreferences(actor: Actor, changes: UpdateNotificationPreferences, meta: RequestMeta) {
      const allowed = NOTIFICATION_TYPES_BY_ROLE[actor.role];
      const foreign = changes.items.findIndex((item) => !allowed.includes(item.type));
      if (foreign >= 0) {
        throw validationFailed([
          {
            field: `items.${foreign}.type`,
            message: 'Ce type de notification ne concerne pas votre compte.',
          },
        ]);
      }
      await withScope(db, scopeOf(actor), async (trx) => {
        await repo.savePreferences(
          trx,
          actor.userId,
          changes.items.flatMap((item) => [
            { type: item.type, channel: 'in_app' as const, enabled: item.inApp },
            { type: item.type, channel: 'email' as const, enabled: item.email },
          ]),
        );
        await recordAudit(trx, meta, {
          action: 'notification.preferences_updated',
          entityType: 'user',
          entityId: actor.userId,
          details: { items: changes.items },
        });
      });
      return this.preferences(actor);
    },
  };
}

export type NotificationInbox = ReturnType<typeof createNotificationInbox>;

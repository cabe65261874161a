import type { AuditEvent, OutboxMessage } from '@ft/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import type { Actor } from '../../platform/auth/actor';
import { decodeCursor, encodeCursor } from '../../platform/db/pagination';
import { withScope } from '../../platform/db/scoped';

type AuditQuery = {
  action?: string | undefined;
  actorId?: string | undefined;
  entityType?: string | undefined;
  entityId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
};

// Audit rows are ordered by their identity column; the cursor carries it as `id` with a dummy date.
const idCursor = (id: number) => encodeCursor({ createdAt: new Date(0), id: String(id) });

/** Read-only views over the platform journals (audit log, mail outbox) for admins. */
export function createAdminService({ db }: { db: Kysely<DB> }) {
  const scope = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

  return {
    async auditLog(actor: Actor, query: AuditQuery) {
      const after = decodeCursor(query.cursor);
      const rows = await withScope(db, scope(actor), (trx) => {
        let q = trx
          .selectFrom('audit_events as a')
          .leftJoin('users as u', 'u.id', 'a.actor_id')
          .selectAll('a')
          .select('u.email as actor_email');
        if (query.action) q = q.where('a.action', 'like', `${query.action.replace(/[%_\\]/g, '\\$&')}%`);
        if (query.actorId) q = q.where('a.actor_id', '=', query.actorId);
        if (query.entityType) q = q.where('a.entity_type', '=', query.entityType);
        if (query.entityId) q = q.where('a.entity_id', '=', query.entityId);
        if (after) q = q.where('a.id', '<', Number(after.id));
        return q
          .orderBy('a.id', 'desc')
          .limit(query.limit + 1)
          .execute();
      });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        nextCursor: rows.length > query.limit && last ? idCursor(last.id) : null,
        items: items.map(
          (row): AuditEvent => ({
            id: String(row.id),
            actorId: row.actor_id,
            actorEmail: row.actor_email,
            action: row.action,
            entityType: row.entity_type,
            entityId: row.entity_id,
            ip: row.ip,
            userAgent: row.user_agent,
            details: row.details,
            createdAt: row.created_at.toISOString(),
          }),
        ),
      };
    },

    async outbox(actor: Actor, query: { cursor?: string | undefined; limit: number }) {
      const after = decodeCursor(query.cursor);
      const rows = await withScope(db, scope(actor), (trx) => {
        let q = trx.selectFrom('outbox').selectAll();
        if (after) q = q.where('id', '<', Number(after.id));
        return q
          .orderBy('id', 'desc')
          .limit(query.limit + 1)
          .execute();
      });
      const items = rows.slice(0, query.limit);
      const last = items.at(-1);
      return {
        nextCursor: rows.length > query.limit && last ? idCursor(last.id) : null,
        items: items.map(
          (row): OutboxMessage => ({
            id: String(row.id),
            to: row.to_email,
            subject: row.subject,
            text: row.body_text,
            status: row.status,
            createdAt: row.created_at.toISOString(),
            sentAt: row.sent_at?.toISOString() ?? null,
          }),
        ),
      };
    },
  };
}

export type AdminService = ReturnType<typeof createAdminService>;

import type { FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';

/** Who did it and from where: taken from the request so every audit row carries IP and agent. */
export type RequestMeta = { actorId: string | null; ip: string | null; userAgent: string | null };

export function requestMeta(
  request: FastifyRequest,
  actorId: string | null = request.actor?.userId ?? null,
): RequestMeta {
  const agent = request.headers['user-agent'];
  return {
    actorId,
    ip: request.ip ?? null,
    userAgent: typeof agent === 'string' ? agent.slice(0, 500) : null,
  };
}

export type AuditEntry = {
  action: string;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
};

/** Written in the same transaction as the change it records: both happen, or neither. */
// biome-ignore lint/suspicious/noExplicitAny: works inside any module's transaction.
export async function recordAudit(db: Kysely<any>, meta: RequestMeta, entry: AuditEntry): Promise<void> {
  await sql`insert into audit_events (actor_id, action, entity_type, entity_id, ip, user_agent, details)
    values (${meta.actorId}, ${entry.action}, ${entry.entityType ?? null}, ${entry.entityId ?? null},
            ${meta.ip}, ${meta.userAgent}, ${JSON.stringify(entry.details ?? {})}::jsonb)`.execute(db);
}

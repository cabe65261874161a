import { type ChangeSubscriber, partiesOf } from './pipeline';

/** The audit trail: one row per change, with the request's address and agent. */
export const auditSubscriber: ChangeSubscriber = {
  name: 'audit',
  async handle(trx, change) {
    await trx
      .insertInto('audit_events')
      .values({
        actor_id: change.actorId,
        action: `${change.entityType}.${change.action}`,
        entity_type: change.entityType,
        entity_id: change.entityId,
        ip: change.ip,
        user_agent: change.userAgent,
        details: JSON.stringify({ from: change.from, to: change.to, ...change.details }),
      })
      .execute();
  },
};

/** Every change may move a dashboard figure: the generation is bumped once this run commits. */
export const dashboardsSubscriber = (changed: (trx: object) => Promise<void>): ChangeSubscriber => ({
  name: 'dashboards',
  handle: (trx) => changed(trx),
});

type Publish = (
  trx: Parameters<ChangeSubscriber['handle']>[0],
  userIds: readonly string[],
  event: { type: string; payload: Record<string, unknown> },
) => Promise<void>;

/** Open screens of everyone concerned (the actor's other tabs too) refetch the entity. */
export const realtimeSubscriber = (publish: Publish): ChangeSubscriber => ({
  name: 'realtime',
  async handle(trx, change) {
    const userIds = partiesOf(change).map((party) => party.userId);
    if (change.actorId) userIds.push(change.actorId);
    await publish(trx, userIds, {
      type: `${change.entityType}.changed`,
      payload: { id: change.entityId, action: change.action, status: change.to },
    });
  },
});

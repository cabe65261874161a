import type { DossierActionBody, DossierStatus, UserDossierAction } from '@ft/contracts';
import { canForce, checkTransition } from '@ft/domain';
import type { Kysely } from 'kysely';
import type { DB } from '../../database';
import type { RequestMeta } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import type { ChangePipeline } from '../../platform/changes/pipeline';
import { transactionWithCommitHooks } from '../../platform/db/commit-hooks';
import { withScope } from '../../platform/db/scoped';
import { conflict, forbidden, validationFailed } from '../../platform/http/errors';
import { precondition, runAction } from './actions';
import type { DossierChangeAction } from './notifications';
import type { DossierReads } from './reads';
import { type Dossier, type DossierChanges, dossierRepository as repo } from './repository';

const scope = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

/** Before an expert is proposed: a dossier here has no live assignment, whoever moved it here. */
const BEFORE_EXPERT: readonly DossierStatus[] = [
  'eligible',
  'pending_admin_review',
  'admin_rejected',
  'admin_validated',
];

/**
 * Where an admin's forced move leaves the expert's assignment, so that assignments always match the
 * status: before a proposal or cancelled, the live assignment ends (and the expert's access with it);
 * `expert_proposed` needs a pending proposal; any later status needs an accepted expert.
 */
async function alignAssignment(trx: Kysely<DB>, dossier: Dossier, to: DossierStatus, reason: string) {
  const live = await repo.liveAssignment(trx, dossier.id);
  if (to === 'cancelled' || BEFORE_EXPERT.includes(to)) {
    return {
      changes: (to === 'cancelled' ? {} : { expert_id: null }) satisfies DossierChanges,
      afterMove: () => repo.endLiveAssignment(trx, dossier.id, 'ended', reason),
    };
  }
  if (to === 'expert_proposed' && live?.status !== 'proposed')
    throw precondition(
      'Aucune proposition d’expert en attente : le client ou l’équipe doit d’abord en faire une.',
    );
  if (to !== 'expert_proposed' && live?.status !== 'accepted')
    throw precondition('Aucun expert n’a accepté ce dossier : ce statut en demande un.');
  return { changes: {} satisfies DossierChanges, afterMove: async () => {} };
}

/**
 * The dossier workflow's commands. Each one locks the dossier, checks and applies the change in the
 * actor's scope, and records it through the change pipeline in the same transaction; timeline,
 * audit, notifications, dashboards and real-time follow from that record once committed.
 */
export function createWorkflowService({
  db,
  changes,
  reads,
}: {
  db: Kysely<DB>;
  changes: ChangePipeline;
  reads: DossierReads;
}) {
  const record = (
    trx: Kysely<DB>,
    meta: Pick<RequestMeta, 'ip' | 'userAgent'>,
    input: {
      dossier: Dossier;
      action: DossierChangeAction;
      to: DossierStatus | null;
      details: Record<string, unknown>;
      partiesBefore: Awaited<ReturnType<typeof repo.parties>>;
    },
    runOn?: Kysely<DB>,
  ) =>
    changes.record(
      trx,
      meta,
      {
        entityType: 'dossier',
        entityId: input.dossier.id,
        action: input.action,
        from: input.to === null ? null : input.dossier.status,
        to: input.to,
        details: input.details,
        partiesBefore: input.partiesBefore,
      },
      runOn,
    );

  return {
    /** One transition of the spec: state machine, the action's preconditions and effect, one change record. */
    async transition<A extends UserDossierAction>(
      actor: Actor,
      id: string,
      action: A,
      body: DossierActionBody<A>,
      meta: RequestMeta,
    ) {
      await withScope(db, scope(actor), async (trx) => {
        const dossier = await repo.lock(trx, id);
        const partiesBefore = await repo.parties(trx, id);
        const decision = 'decision' in body ? body.decision : undefined;
        const check = checkTransition(dossier.track, dossier.status, action, actor.role, { decision });
        if (!check.ok && check.reason === 'not_permitted')
          throw forbidden('Cette action ne vous est pas ouverte sur ce dossier.');
        if (!check.ok)
          throw conflict(
            'INVALID_TRANSITION',
            `Cette action n’est pas possible au statut actuel du dossier (« ${dossier.status} »).`,
          );
        const outcome = await runAction(action, { trx, actor, dossier, body });
        await repo.moveTo(trx, dossier, check.to, outcome.changes);
        await outcome.afterMove?.(trx);
        await record(trx, meta, {
          dossier,
          action,
          to: check.to,
          details: outcome.details ?? {},
          partiesBefore,
        });
      });
      // Null when the action took the actor's access away (an expert declining): nothing to show.
      return reads.find(actor, id);
    },

    /** Admins may move a dossier to any status of its track, with a written reason. */
    async force(actor: Actor, id: string, input: { to: DossierStatus; reason: string }, meta: RequestMeta) {
      if (actor.role !== 'admin') throw forbidden();
      await withScope(db, scope(actor), async (trx) => {
        const dossier = await repo.lock(trx, id);
        if (!canForce(dossier.track, dossier.status, input.to)) {
          throw validationFailed([
            {
              field: 'to',
              message:
                'Ce statut n’existe pas dans le parcours de ce dossier, ou c’est déjà le statut actuel.',
            },
          ]);
        }
        const partiesBefore = await repo.parties(trx, id);
        const aligned = await alignAssignment(trx, dossier, input.to, input.reason);
        await repo.moveTo(trx, dossier, input.to, aligned.changes);
        await aligned.afterMove();
        await record(trx, meta, {
          dossier,
          action: 'force-transition',
          to: input.to,
          details: { reason: input.reason },
          partiesBefore,
        });
      });
      return reads.detail(actor, id);
    },

    /** At completion the client rates the expert once: 1 to 5 and an optional comment. */
    async rate(
      actor: Actor,
      id: string,
      input: { score: number; comment?: string | undefined },
      meta: RequestMeta,
    ) {
      if (actor.role !== 'client') throw forbidden('Seul le client du dossier peut noter l’expert.');
      await withScope(db, scope(actor), async (trx) => {
        const dossier = await repo.lock(trx, id);
        if (dossier.status !== 'completed' || !dossier.expert_id)
          throw conflict('INVALID_TRANSITION', 'Vous pourrez noter l’expert une fois le dossier terminé.');
        const existing = await trx
          .selectFrom('expert_ratings')
          .select('dossier_id')
          .where('dossier_id', '=', id)
          .executeTakeFirst();
        if (existing) throw conflict('ALREADY_RATED', 'Vous avez déjà noté l’expert de ce dossier.');
        await trx
          .insertInto('expert_ratings')
          .values({
            dossier_id: id,
            expert_id: dossier.expert_id,
            client_id: actor.userId,
            score: input.score,
            comment: input.comment ?? null,
          })
          .execute();
        await record(trx, meta, {
          dossier,
          action: 'rate-expert',
          to: null,
          details: { score: input.score },
          partiesBefore: await repo.parties(trx, id),
        });
      });
      return reads.detail(actor, id);
    },

    /**
     * Scheduled, on the job's owner connection: a proposal unanswered after 48 h expires and the
     * dossier returns to the pick. The expert hears of it as a party before the change.
     */
    async expireProposals(jobDb: Kysely<DB>): Promise<number> {
      return transactionWithCommitHooks(jobDb, (trx) => expire(trx, jobDb));
    },
  };

  async function expire(trx: Kysely<DB>, jobDb: Kysely<DB>): Promise<number> {
    const due = await trx
      .selectFrom('expert_assignments')
      .select(['id', 'dossier_id'])
      .where('status', '=', 'proposed')
      .where('expires_at', '<', new Date())
      .execute();
    for (const row of due) {
      const dossier = await repo.lock(trx, row.dossier_id);
      const partiesBefore = await repo.parties(trx, dossier.id);
      const check = checkTransition(dossier.track, dossier.status, 'expire-proposal', 'system');
      await repo.respond(trx, row.id, 'expired', null);
      if (!check.ok) continue;
      await repo.moveTo(trx, dossier, check.to);
      await record(
        trx,
        { ip: null, userAgent: null },
        { dossier, action: 'expire-proposal', to: check.to, details: {}, partiesBefore },
        jobDb,
      );
    }
    return due.length;
  }
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;

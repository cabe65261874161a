import type { AdminExpert, ExpertApprovalStatus, ExpertFees, ExpertProfile } from '@ft/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { decodeCursor, page } from '../../platform/db/pagination';
import { withScope } from '../../platform/db/scoped';
import { conflict, notFound, validationFailed } from '../../platform/http/errors';
import { authRepository } from '../auth/repository';
import type { ExpertProfilesTable } from '../auth/tables';
import type { DashboardsChanged } from '../dashboards/cache';
import type { Notify } from '../notifications/service';
import { expertsRepository, type NewExpertProfile, toExpertProfile } from './repository';

export type ExpertDecision = 'approve' | 'reject' | 'suspend' | 'reactivate';

// Which decision may follow which state, and what it leads to.
const DECISIONS: Record<ExpertDecision, { from: ExpertApprovalStatus[]; to: ExpertApprovalStatus }> = {
  approve: { from: ['pending', 'rejected'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  suspend: { from: ['approved'], to: 'suspended' },
  reactivate: { from: ['suspended'], to: 'approved' },
};

// What the expert is told of each decision: title (also the e-mail's subject) and text.

type AdminExpertRow = Selectable<ExpertProfilesTable> & { email: string; user_created_at: Date };

function toAdminExpert(row: AdminExpertRow): AdminExpert {
  const { kind: _kind, ...profile } = toExpertProfile(row);
  return {
    ...profile,
    id: row.user_id,
    email: row.email,
    createdAt: row.user_created_at.toISOString(),
    fees: {
      clientFeeRateBps: row.client_fee_rate_bps,
      platformFeeRateBps: row.platform_fee_rate_bps,
      clientFeeMinBps: row.client_fee_min_bps,
      clientFeeMaxBps: row.client_fee_max_bps,
    },
  };
}

export function createExpertsService({
  db,
  notify,
  dashboardsChanged,
}: {
  db: Kysely<DB>;
  notify: Notify;
  /** The admin dashboard counts experts waiting for a decision. */
  dashboardsChanged: DashboardsChanged;
}) {
  return {
    async updateOwnProfile(
      actor: Actor,
      changes: Partial<Omit<NewExpertProfile, 'userId' | 'siren'>>,
      meta: RequestMeta,
    ): Promise<ExpertProfile> {
      return withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        const row = await expertsRepository.update(trx, actor.userId, changes);
        if (!row) throw notFound('Profil introuvable.');
        await recordAudit(trx, meta, {
          action: 'expert.profile_updated',
          entityType: 'expert',
          entityId: actor.userId,
          details: { fields: Object.keys(changes) },
        });
        return toExpertProfile(row);
      });
    },

    async listForAdmin(
      actor: Actor,
      query: {
        status?: ExpertApprovalStatus | undefined;
        q?: string | undefined;
        cursor?: string | undefined;
        limit: number;
      },
    ) {
      const rows = await withScope(db, { userId: actor.userId, role: actor.role }, (trx) =>
        expertsRepository.list(trx, {
          status: query.status,
          q: query.q,
          after: decodeCursor(query.cursor),
          limit: query.limit,
        }),
      );
      const result = page(rows, query.limit, (row) => ({ createdAt: row.created_at, id: row.user_id }));
      return {
        nextCursor: result.nextCursor,
        items: result.items.map(toAdminExpert),
      };
    },

    async getForAdmin(actor: Actor, expertId: string): Promise<AdminExpert> {
      const row = await withScope(db, { userId: actor.userId, role: actor.role }, (trx) =>
        trx
          .selectFrom('expert_profiles as e')
          .innerJoin('users as u', 'u.id', 'e.user_id')
          .selectAll('e')
          .select(['u.email', 'u.created_at as user_created_at'])
          .where('e.user_id', '=', expertId)
          .executeTakeFirst(),
      );
      if (!row) throw notFound('Expert introuvable.');
      return toAdminExpert(row);
    },

    /** Sets an expert's fee rates; the client rate must lie within the range the expert may use. */
    async setFees(actor: Actor, expertId: string, fees: ExpertFees, meta: RequestMeta) {
      if (fees.clientFeeMinBps > fees.clientFeeRateBps || fees.clientFeeRateBps > fees.clientFeeMaxBps) {
        throw validationFailed([
          {
            field: 'clientFeeRateBps',
            message: 'Le taux client doit être compris entre le minimum et le maximum.',
          },
        ]);
      }
      await withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        const updated = await trx
          .updateTable('expert_profiles')
          .set({
            client_fee_rate_bps: fees.clientFeeRateBps,
            platform_fee_rate_bps: fees.platformFeeRateBps,
            client_fee_min_bps: fees.clientFeeMinBps,
            client_fee_max_bps: fees.clientFeeMaxBps,
            updated_at: new Date(),
          })
          .where('user_id', '=', expertId)
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) === 0) throw notFound('Expert introuvable.');
        await recordAudit(trx, meta, {
          action: 'admin.expert_fees',
          entityType: 'expert',
          entityId: expertId,
          details: { ...fees },
        });
      });
      return this.getForAdmin(actor, expertId);
    },

    /** Approve, reject, suspend or reactivate; the expert is notified and the decision audited. */
    async decide(
      actor: Actor,
      expertId: string,
      decision: ExpertDecision,
      reason: string | null,
      meta: RequestMeta,
    ) {
      await withScope(db, { userId: actor.userId, role: actor.role }, async (trx) => {
        const current = await trx
          .selectFrom('expert_profiles as e')
          .innerJoin('users as u', 'u.id', 'e.user_id')
          .select(['e.approval_status', 'u.email'])
          .where('e.user_id', '=', expertId)
          .forUpdate()
          .executeTakeFirst();
        if (!current) throw notFound('Expert introuvable.');
        const rule = DECISIONS[decision];
        if (!rule.from.includes(current.approval_status)) {
          throw conflict(
            'INVALID_TRANSITION',
            `Cette décision n'est pas possible pour un expert au statut « ${current.approval_status} ».`,
          );
        }
        await expertsRepository.decide(trx, expertId, { status: rule.to, reason, by: actor.userId });
        // A suspended expert is signed out everywhere at once, not merely refused on each request.
        if (decision === 'suspend') await authRepository.revokeUserSessions(trx, expertId);
        await dashboardsChanged(trx);
        await notify(trx, {
          userId: expertId,
          type: 'expert.approval',
          template: `expert.${decision}`,
          params: { reason },
          link: '/espace',
        });
        await recordAudit(trx, meta, {
          action: `admin.expert_${decision}`,
          entityType: 'expert',
          entityId: expertId,
          details: { from: current.approval_status, to: rule.to, ...(reason ? { reason } : {}) },
        });
      });
      return this.getForAdmin(actor, expertId);
    },
  };
}

export type ExpertsService = ReturnType<typeof createExpertsService>;

import type { DossierActionName, DossierDetail } from '@ft/contracts';
import {
  allowedActions,
  canForce,
  checkTransition,
  type DossierAction,
  type DossierStatus,
  progressOf,
  type Track,
} from '@ft/domain';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { withScope } from '../../platform/db/scoped';
import { conflict, forbidden, notFound, validationFailed } from '../../platform/http/errors';
import type { DashboardsChanged } from '../dashboards/cache';
import { engagementSigned } from '../engagements/generate';
import { dossierFees } from '../invoices/fees';
import type { Notify } from '../notifications/service';
import { applyEffects } from './effects';
import { notifyParties } from './notifications';
import type { DossiersTable } from './tables';

type Dossier = Selectable<DossiersTable>;
const scope = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

async function lockDossier(trx: Kysely<DB>, id: string) {
  // Row lock: of two concurrent transitions the second waits, then finds the new status (409).
  const dossier = await trx
    .selectFrom('dossiers')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!dossier) throw notFound('Dossier introuvable.');
  return dossier;
}

async function moveTo(
  trx: Kysely<DB>,
  dossier: Dossier,
  to: DossierStatus,
  entry: { actorId: string | null; action: string; details: Record<string, unknown> },
  changes: Record<string, unknown> = {},
) {
  await trx
    .updateTable('dossiers')
    .set({
      ...changes,
      status: to,
      progress: progressOf(to, dossier.progress ?? 0),
      status_changed_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', dossier.id)
    .execute();
  await trx
    .insertInto('dossier_events')
    .values({
      dossier_id: dossier.id,
      actor_id: entry.actorId,
      action: entry.action,
      from_status: dossier.status,
      to_status: to,
      details: JSON.stringify(entry.details),
    })
    .execute();
}

export function createWorkflowService({
  db,
  notify: notifyInApp,
  dashboardsChanged,
}: {
  db: Kysely<DB>;
  notify: Notify;
  /** Every status change, assignment and invoice goes through this service: dashboards follow. */
  dashboardsChanged: DashboardsChanged;
}) {
  const notify = async (trx: Kysely<DB>, dossierId: string, action: string, actorId: string | null) => {
    const product = await trx
      .selectFrom('dossiers as d')
      .innerJoin('products as p', 'p.code', 'd.product_code')
      .select('p.name')
      .where('d.id', '=', dossierId)
      .executeTakeFirst();
    await notifyParties(trx, notifyInApp, {
      dossierId,
      productName: product?.name ?? '',
      action,
      actorId,
    });
  };

  return {
    /** One transition of the spec, for the caller: state machine, then the action's own checks and records. */
    async transition(
      actor: Actor,
      id: string,
      action: DossierActionName,
      body: Record<string, unknown>,
      meta: RequestMeta,
    ) {
      await withScope(db, scope(actor), async (trx) => {
        const dossier = await lockDossier(trx, id);
        const decision =
          typeof body.decision === 'string'
            ? (body.decision as 'accepted' | 'partial' | 'refused')
            : undefined;
        const check = checkTransition(
          dossier.track as Track,
          dossier.status as DossierStatus,
          action as DossierAction,
          actor.role,
          { decision },
        );
        if (!check.ok && check.reason === 'not_permitted')
          throw forbidden('Cette action ne vous est pas ouverte sur ce dossier.');
        if (!check.ok)
          throw conflict(
            'INVALID_TRANSITION',
            `Cette action n’est pas possible au statut actuel du dossier (« ${dossier.status} »).`,
          );
        const { changes, details } = await applyEffects(trx, actor, dossier, action, body);
        await moveTo(trx, dossier, check.to, { actorId: actor.userId, action, details }, changes);
        await dashboardsChanged(trx);
        await notify(trx, id, action, actor.userId);
        await recordAudit(trx, meta, {
          action: `dossier.${action}`,
          entityType: 'dossier',
          entityId: id,
          details: { from: dossier.status, to: check.to },
        });
      });
      return this.detail(actor, id);
    },

    /** Admins may move a dossier to any status of its track, with a written reason; audited. */
    async force(actor: Actor, id: string, input: { to: string; reason: string }, meta: RequestMeta) {
      if (actor.role !== 'admin') throw forbidden();
      await withScope(db, scope(actor), async (trx) => {
        const dossier = await lockDossier(trx, id);
        if (!canForce(dossier.track as Track, dossier.status as DossierStatus, input.to as DossierStatus)) {
          throw validationFailed([
            {
              field: 'to',
              message:
                'Ce statut n’existe pas dans le parcours de ce dossier, ou c’est déjà le statut actuel.',
            },
          ]);
        }
        await moveTo(trx, dossier, input.to as DossierStatus, {
          actorId: actor.userId,
          action: 'force-transition',
          details: { reason: input.reason },
        });
        await dashboardsChanged(trx);
        await notify(trx, id, 'force-transition', actor.userId);
        await recordAudit(trx, meta, {
          action: 'dossier.force-transition',
          entityType: 'dossier',
          entityId: id,
          details: { from: dossier.status, to: input.to, reason: input.reason },
        });
      });
      return this.detail(actor, id);
    },

    async detail(actor: Actor, id: string): Promise<DossierDetail> {
      return withScope(db, scope(actor), async (trx) => {
        const d = await trx
          .selectFrom('dossiers as d')
          .innerJoin('products as p', 'p.code', 'd.product_code')
          .selectAll('d')
          .select('p.name as product_name')
          .where('d.id', '=', id)
          .executeTakeFirst();
        if (!d) throw notFound('Dossier introuvable.');
        const [items, assignment, invoice, rating] = await Promise.all([
          trx
            .selectFrom('dossier_items as i')
            .leftJoin('documents as doc', 'doc.item_id', 'i.id')
            .selectAll('i')
            .select('doc.id as document_id')
            .where('i.dossier_id', '=', id)
            .orderBy('i.created_at')
            .execute(),
          trx
            .selectFrom('expert_assignments as a')
            .leftJoin('expert_profiles as e', 'e.user_id', 'a.expert_id')
            .select(['a.expert_id', 'a.status', 'a.expires_at', 'e.firm_name'])
            .where('a.dossier_id', '=', id)
            .where('a.status', 'in', ['proposed', 'accepted'])
            .executeTakeFirst(),
          trx
            .selectFrom('invoices')
            .selectAll()
            .where('dossier_id', '=', id)
            .where('kind', '=', 'invoice')
            .executeTakeFirst(),
          trx
            .selectFrom('expert_ratings')
            .select(['score', 'comment'])
            .where('dossier_id', '=', id)
            .executeTakeFirst(),
        ]);
        return {
          id: d.id,
          clientId: d.client_id,
          expertId: d.expert_id,
          productCode: d.product_code,
          productName: d.product_name,
          track: d.track,
          status: d.status,
          progress: d.progress,
          estimatedAmountCents: d.estimated_amount_cents,
          estimateExplanation: d.estimate_explanation,
          noLongerEligible: d.no_longer_eligible,
          createdAt: d.created_at.toISOString(),
          updatedAt: d.updated_at.toISOString(),
          allowedActions: allowedActions(d.track as Track, d.status as DossierStatus, actor.role),
          items: items.map((item) => ({
            id: item.id,
            code: item.code,
            label: item.label,
            required: item.required,
            source: item.source,
            status: item.status,
            reason: item.reason,
            documentId: item.document_id,
          })),
          assignment: assignment
            ? {
                expertId: assignment.expert_id,
                status: assignment.status,
                expiresAt: assignment.expires_at.toISOString(),
                firmName: assignment.firm_name,
              }
            : null,
          clientFeeRateBps: d.client_fee_rate_bps,
          finalAmountCents: d.final_amount_cents,
          auditReport: d.audit_report,
          auditRevision: d.audit_revision,
          grantedAmountCents: d.granted_amount_cents,
          decision: d.decision,
          quoteAmountCents: d.quote_amount_cents,
          quoteValidUntil: d.quote_valid_until,
          closingReason: d.closing_reason,
          rating: rating ?? null,
          // Paperwork (#16): fees shown before commitment, and the engagement gate's state.
          fees: await dossierFees(trx, d),
          engagementSigned: await engagementSigned(trx, d.id, d.expert_id),
          invoice: invoice
            ? {
                id: invoice.id,
                status: invoice.status,
                number: invoice.number,
                feeExclVatCents: invoice.fee_excl_vat_cents,
                vatCents: invoice.vat_cents,
                totalInclVatCents: invoice.total_incl_vat_cents,
                platformCommissionCents: invoice.platform_commission_cents,
                expertNetCents: invoice.expert_net_cents,
                dueOn: invoice.due_on,
                paidAt: invoice.paid_at?.toISOString() ?? null,
              }
            : null,
        };
      });
    },

    async timeline(actor: Actor, id: string) {
      return withScope(db, scope(actor), async (trx) => {
        const visible = await trx.selectFrom('dossiers').select('id').where('id', '=', id).executeTakeFirst();
        if (!visible) throw notFound('Dossier introuvable.');
        const events = await trx
          .selectFrom('dossier_events')
          .selectAll()
          .where('dossier_id', '=', id)
          .orderBy('id')
          .execute();
        return {
          events: events.map((event) => ({
            id: String(event.id),
            action: event.action,
            fromStatus: event.from_status,
            toStatus: event.to_status,
            actorId: event.actor_id,
            details: event.details,
            createdAt: event.created_at.toISOString(),
          })),
        };
      });
    },

    /** Approved, active experts qualified for the dossier's product, fewest live dossiers first. */
    async qualifiedExperts(actor: Actor, id: string) {
      return withScope(db, scope(actor), async (trx) => {
        const dossier = await trx
          .selectFrom('dossiers')
          .select('product_code')
          .where('id', '=', id)
          .executeTakeFirst();
        if (!dossier) throw notFound('Dossier introuvable.');
        const rows = await trx
          .selectFrom('expert_profiles as e')
          .leftJoin(
            sql<{ expert_id: string; active_dossiers: number }>`app_expert_workloads()`.as('w'),
            'w.expert_id',
            'e.user_id',
          )
          .leftJoin(
            sql<{
              expert_id: string;
              rating: string;
              rating_count: number;
            }>`app_expert_rating_summaries()`.as('r'),
            'r.expert_id',
            'e.user_id',
          )
          .select(['r.rating', 'r.rating_count'])
          .select([
            'e.user_id',
            'e.firm_name',
            'e.first_name',
            'e.last_name',
            'e.product_codes',
            'e.years_of_experience',
            'e.languages',
            'e.bio',
            'e.client_fee_rate_bps',
            'e.client_fee_min_bps',
            'e.client_fee_max_bps',
            'w.active_dossiers',
          ])
          .where('e.approval_status', '=', 'approved')
          .where(sql<boolean>`${dossier.product_code} = any(e.product_codes)`)
          .execute();
        return {
          experts: rows
            .map((row) => ({
              id: row.user_id,
              firmName: row.firm_name,
              firstName: row.first_name,
              lastName: row.last_name,
              productCodes: row.product_codes,
              yearsOfExperience: row.years_of_experience,
              languages: row.languages,
              bio: row.bio,
              activeDossiers: Number(row.active_dossiers ?? 0),
              clientFeeRateBps: row.client_fee_rate_bps,
              clientFeeMinBps: row.client_fee_min_bps,
              clientFeeMaxBps: row.client_fee_max_bps,
              rating: row.rating === null ? null : Number(row.rating),
              ratingCount: Number(row.rating_count ?? 0),
            }))
            .sort((a, b) => a.activeDossiers - b.activeDossiers || b.yearsOfExperience - a.yearsOfExperience),
        };
      });
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
        const dossier = await lockDossier(trx, id);
        if (dossier.status !== 'completed' || !dossier.expert_id) {
          throw conflict('INVALID_TRANSITION', 'Vous pourrez noter l’expert une fois le dossier terminé.');
        }
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
        await trx
          .insertInto('dossier_events')
          .values({
            dossier_id: id,
            actor_id: actor.userId,
            action: 'rate-expert',
            from_status: null,
            to_status: null,
            details: JSON.stringify({ score: input.score }),
          })
          .execute();
        await recordAudit(trx, meta, {
          action: 'dossier.rate-expert',
          entityType: 'dossier',
          entityId: id,
          details: { score: input.score },
        });
      });
      return this.detail(actor, id);
    },

    /** Scheduled: a proposal unanswered after 48 h expires and the dossier returns to the pick. */
    async expireProposals(trx: Kysely<DB>): Promise<number> {
      const due = await trx
        .selectFrom('expert_assignments as a')
        .innerJoin('dossiers as d', 'd.id', 'a.dossier_id')
        .innerJoin('products as p', 'p.code', 'd.product_code')
        .select(['a.id as assignment_id', 'a.expert_id', 'd.id as dossier_id', 'p.name as product_name'])
        .where('a.status', '=', 'proposed')
        .where('a.expires_at', '<', new Date())
        .execute();
      for (const row of due) {
        const dossier = await lockDossier(trx, row.dossier_id);
        const check = checkTransition(
          dossier.track as Track,
          dossier.status as DossierStatus,
          'expire-proposal',
          'system',
        );
        await trx
          .updateTable('expert_assignments')
          .set({ status: 'expired', responded_at: new Date() })
          .where('id', '=', row.assignment_id)
          .execute();
        if (check.ok)
          await moveTo(trx, dossier, check.to, { actorId: null, action: 'expire-proposal', details: {} });
        await dashboardsChanged(trx);
        await notify(trx, dossier.id, 'expire-proposal', null);
        // The expert is no longer a party once its proposal expired, so it is told separately.
        await notifyInApp(trx, {
          userId: row.expert_id,
          type: 'assignment.expired',
          title: `Dossier « ${row.product_name} »`,
          body: 'La proposition a expiré faute de réponse dans les 48 heures : le dossier a été rendu au client.',
          dossierId: row.dossier_id,
        });
      }
      return due.length;
    },
  };
}

export type WorkflowService = ReturnType<typeof createWorkflowService>;

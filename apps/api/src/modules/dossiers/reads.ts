import type { DossierDetail } from '@ft/contracts';
import { allowedActions } from '@ft/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import type { Actor } from '../../platform/auth/actor';
import { withScope } from '../../platform/db/scoped';
import { notFound } from '../../platform/http/errors';
import { engagementSigned } from '../engagements/generate';
import { dossierFees } from '../invoices/fees';
import { clientsOf, simulationAnswersOf } from './context';

const scope = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

/** What the dossier screens read, each in the caller's scope (row-level security decides). */
export function createDossierReads({ db }: { db: Kysely<DB> }) {
  return {
    async detail(actor: Actor, id: string): Promise<DossierDetail> {
      const found = await this.find(actor, id);
      if (!found) throw notFound('Dossier introuvable.');
      return found;
    },

    /** The dossier as the caller sees it; null when it does not (any more). */
    async find(actor: Actor, id: string): Promise<DossierDetail | null> {
      return withScope(db, scope(actor), async (trx) => {
        const d = await trx
          .selectFrom('dossiers as d')
          .innerJoin('products as p', 'p.code', 'd.product_code')
          .selectAll('d')
          .select('p.name as product_name')
          .where('d.id', '=', id)
          .executeTakeFirst();
        if (!d) return null;
        const [items, assignment, invoice, rating, clients, simulationAnswers] = await Promise.all([
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
            .select(['a.expert_id', 'a.status', 'a.expires_at', 'e.firm_name', 'e.phone', 'e.meeting_link'])
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
          clientsOf(trx, [d.client_id]),
          simulationAnswersOf(trx, d.simulation_id),
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
          client: clients.get(d.client_id) ?? null,
          simulationAnswers,
          allowedActions: allowedActions(d.track, d.status, actor.role),
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
                phone: assignment.phone,
                meetingLink: assignment.meeting_link,
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
  };
}

export type DossierReads = ReturnType<typeof createDossierReads>;

import type { DossierDetail } from '@ft/contracts';
import { allowedActions } from '@ft/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import type { Actor } from '../../platform/auth/actor';
import { withScope } from '../../platform/db/scoped';
import { notFound } from '../../platform/http/errors';
import { clientsOf, simulationAnswersOf } from './context';
import { type InvoiceDocument, renderInvoicePdf } from './invoice-pdf';

const scope = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

/** What the dossier screens read, each in the caller's scope (row-level security decides). */
export function createDossierReads({
  db,
  platform,
}: {
  db: Kysely<DB>;
  platform: InvoiceDocument['seller'];
}) {
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
          trx.selectFrom('invoices').selectAll().where('dossier_id', '=', id).executeTakeFirst(),
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
          invoice: invoice
            ? {
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
              rating: row.rating === null ? null : Number(row.rating),
              ratingCount: Number(row.rating_count ?? 0),
            }))
            .sort((a, b) => a.activeDossiers - b.activeDossiers || b.yearsOfExperience - a.yearsOfExperience),
        };
      });
    },

    /** The invoice of a dossier as PDF, for its client, its expert (with the statement) and admins. */
    async invoicePdf(actor: Actor, id: string): Promise<{ number: string; pdf: Buffer }> {
      const document = await withScope(db, scope(actor), async (trx) => {
        const invoice = await trx
          .selectFrom('invoices as i')
          .innerJoin('dossiers as d', 'd.id', 'i.dossier_id')
          .innerJoin('products as p', 'p.code', 'd.product_code')
          .innerJoin('client_profiles as c', 'c.user_id', 'i.client_id')
          .leftJoin('expert_profiles as e', 'e.user_id', 'i.expert_id')
          .selectAll('i')
          .select([
            'p.name as product_name',
            'c.company_name',
            'c.siren',
            'c.first_name',
            'c.last_name',
            'c.address',
            'e.firm_name',
            'd.track',
          ])
          .where('i.dossier_id', '=', id)
          .executeTakeFirst();
        if (!invoice) throw notFound('Ce dossier n’a pas encore de facture.');
        const rate = invoice.client_fee_rate_bps;
        const lineLabel =
          rate === null
            ? `Prestation « ${invoice.product_name} » selon devis accepté`
            : `Honoraires de recouvrement « ${invoice.product_name} » : ${rate / 100} % de ${(invoice.base_cents / 100).toLocaleString('fr-FR').replace(/[\u202f\u00a0]/g, ' ')} € obtenus`;
        const doc: InvoiceDocument = {
          number: invoice.number,
          issuedAt: invoice.issued_at,
          dueOn: invoice.due_on,
          seller: platform,
          buyer: {
            companyName: invoice.company_name,
            siren: invoice.siren,
            contact: `${invoice.first_name} ${invoice.last_name}`,
            address: invoice.address,
          },
          productName: invoice.product_name,
          lineLabel,
          feeExclVatCents: invoice.fee_excl_vat_cents,
          vatCents: invoice.vat_cents,
          totalInclVatCents: invoice.total_incl_vat_cents,
          statement:
            actor.role === 'client'
              ? null
              : {
                  platformCommissionCents: invoice.platform_commission_cents,
                  expertNetCents: invoice.expert_net_cents,
                  expertName: invoice.firm_name ?? '',
                },
        };
        return doc;
      });
      return { number: document.number, pdf: await renderInvoicePdf(document) };
    },
  };
}

export type DossierReads = ReturnType<typeof createDossierReads>;

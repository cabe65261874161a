import type { InvoiceStatus, InvoiceSummary } from '@ft/contracts';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import { type RequestMeta, recordAudit } from '../../platform/audit/audit';
import type { Actor } from '../../platform/auth/actor';
import { withScope } from '../../platform/db/scoped';
import { AppError, forbidden, notFound } from '../../platform/http/errors';
import { issueCreditNote } from './issue';

const scope = (actor: Actor) => ({ userId: actor.userId, role: actor.role });

/** Records one life-cycle step of an invoice (its status and the dated event). */
export async function recordInvoiceStatus(
  trx: Kysely<DB>,
  invoiceId: string,
  status: InvoiceStatus,
  actorId: string | null,
  note: string | null = null,
) {
  await trx
    .updateTable('invoices')
    .set({ status, ...(status === 'paid' ? { paid_at: new Date() } : {}) })
    .where('id', '=', invoiceId)
    .execute();
  await trx
    .insertInto('invoice_events')
    .values({ invoice_id: invoiceId, status, actor_id: actorId, note })
    .execute();
}

/** The client confirmed the payment of the dossier's invoice (confirm-payment): encaissée. */
export async function markDossierInvoicePaid(trx: Kysely<DB>, dossierId: string, actorId: string) {
  const invoice = await trx
    .selectFrom('invoices')
    .select('id')
    .where('dossier_id', '=', dossierId)
    .where('kind', '=', 'invoice')
    .executeTakeFirst();
  if (invoice) await recordInvoiceStatus(trx, invoice.id, 'paid', actorId, 'Paiement confirmé');
}

export function createInvoicesService({ db }: { db: Kysely<DB> }) {
  async function summaries(
    trx: Kysely<DB>,
    where: { from?: string; to?: string; dossierId?: string; id?: string },
  ) {
    let query = trx
      .selectFrom('invoices as i')
      .leftJoin('invoices as c', 'c.id', 'i.credited_invoice_id')
      .select([
        'i.id',
        'i.number',
        'i.kind',
        'c.number as credited_number',
        'i.dossier_id',
        'i.buyer',
        'i.issued_at',
        'i.due_on',
        'i.fee_excl_vat_cents',
        'i.vat_cents',
        'i.total_incl_vat_cents',
        'i.status',
        'i.facturx_sha256',
        'i.transmitted_at',
      ]);
    // Periods are Paris calendar days, the dates printed on the invoices.
    const parisDay = sql<string>`(i.issued_at at time zone 'Europe/Paris')::date`;
    if (where.from) query = query.where(parisDay, '>=', sql<string>`${where.from}::date`);
    if (where.to) query = query.where(parisDay, '<=', sql<string>`${where.to}::date`);
    if (where.dossierId) query = query.where('i.dossier_id', '=', where.dossierId);
    if (where.id) query = query.where('i.id', '=', where.id);
    const rows = await query.orderBy('i.year').orderBy('i.sequence').limit(1000).execute();
    const events =
      rows.length === 0
        ? []
        : await trx
            .selectFrom('invoice_events')
            .select(['invoice_id', 'status', 'occurred_at', 'note'])
            .where(
              'invoice_id',
              'in',
              rows.map((row) => row.id),
            )
            .orderBy('id')
            .execute();
    return rows.map(
      (row): InvoiceSummary => ({
        id: row.id,
        number: row.number,
        kind: row.kind,
        creditedInvoiceNumber: row.credited_number,
        dossierId: row.dossier_id,
        buyerName: row.buyer?.legalName ?? '',
        issuedAt: row.issued_at.toISOString(),
        dueOn: row.due_on,
        feeExclVatCents: Number(row.fee_excl_vat_cents),
        vatCents: Number(row.vat_cents),
        totalInclVatCents: Number(row.total_incl_vat_cents),
        status: row.status,
        sha256: row.facturx_sha256,
        transmittedAt: row.transmitted_at?.toISOString() ?? null,
        events: events
          .filter((event) => event.invoice_id === row.id)
          .map((event) => ({
            status: event.status,
            occurredAt: event.occurred_at.toISOString(),
            note: event.note,
          })),
      }),
    );
  }

  return {
    /** Invoices and credit notes the caller may see (RLS), by issue period: for its PA or accountant. */
    list(
      actor: Actor,
      query: { from?: string | undefined; to?: string | undefined; dossierId?: string | undefined },
    ) {
      return withScope(db, scope(actor), async (trx) => ({
        invoices: await summaries(trx, {
          ...(query.from ? { from: query.from } : {}),
          ...(query.to ? { to: query.to } : {}),
          ...(query.dossierId ? { dossierId: query.dossierId } : {}),
        }),
      }));
    },

    get(actor: Actor, id: string) {
      return withScope(db, scope(actor), async (trx) => {
        const [found] = await summaries(trx, { id });
        if (!found) throw notFound('Facture introuvable.');
        return found;
      });
    },

    /**
     * The Factur-X file exactly as issued. Its first download by the client records that the
     * client received it.
     */
    async file(actor: Actor, where: { id: string } | { dossierId: string }, format: 'pdf' | 'xml') {
      return withScope(db, scope(actor), async (trx) => {
        let query = trx
          .selectFrom('invoices')
          .select(['id', 'number', 'status', 'facturx_pdf', 'facturx_xml']);
        query =
          'id' in where
            ? query.where('id', '=', where.id)
            : query.where('dossier_id', '=', where.dossierId).where('kind', '=', 'invoice');
        const invoice = await query.executeTakeFirst();
        if (!invoice?.facturx_pdf || !invoice.facturx_xml) throw notFound('Facture introuvable.');
        if (actor.role === 'client' && invoice.status === 'made_available') {
          await recordInvoiceStatus(trx, invoice.id, 'received', actor.userId, 'Téléchargée par le client');
        }
        return { number: invoice.number, pdf: invoice.facturx_pdf, xml: invoice.facturx_xml, format };
      });
    },

    /** Client: received or refused (with a reason). Admin: any of them, e.g. reported by the PA. */
    async setStatus(
      actor: Actor,
      id: string,
      input: { status: 'received' | 'refused' | 'paid'; note?: string | undefined },
      meta: RequestMeta,
    ) {
      if (actor.role === 'expert' || (actor.role === 'client' && input.status === 'paid')) throw forbidden();
      if (input.status === 'refused' && !input.note) {
        throw new AppError('VALIDATION_FAILED', 400, 'Certaines valeurs sont invalides.', {
          errors: [{ field: 'note', message: 'Indiquez le motif du refus.' }],
        });
      }
      await withScope(db, scope(actor), async (trx) => {
        const invoice = await trx
          .selectFrom('invoices')
          .select(['id', 'status'])
          .where('id', '=', id)
          .forUpdate()
          .executeTakeFirst();
        if (!invoice) throw notFound('Facture introuvable.');
        if (invoice.status === 'paid' || invoice.status === 'refused') {
          throw new AppError('INVOICE_STATE', 409, 'Cette facture est déjà payée ou refusée.');
        }
        await recordInvoiceStatus(trx, id, input.status, actor.userId, input.note ?? null);
        await recordAudit(trx, meta, {
          action: `invoice.${input.status}`,
          entityType: 'invoice',
          entityId: id,
          details: {},
        });
      });
      return this.get(actor, id);
    },

    async creditNote(
      actor: Actor,
      id: string,
      input: { reason: string; amountExclVatCents?: number | undefined },
      meta: RequestMeta,
    ) {
      if (actor.role !== 'admin') throw forbidden('Seul un administrateur émet un avoir.');
      const created = await withScope(db, scope(actor), async (trx) => {
        const note = await issueCreditNote(trx, { invoiceId: id, ...input, actorId: actor.userId });
        await recordAudit(trx, meta, {
          action: 'invoice.credit-note',
          entityType: 'invoice',
          entityId: id,
          details: { creditNote: note.number, reason: input.reason },
        });
        return note;
      });
      return this.get(actor, created.id);
    },
  };
}
export type InvoicesService = ReturnType<typeof createInvoicesService>;

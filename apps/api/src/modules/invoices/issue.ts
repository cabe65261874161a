import { applyRate, feeWaterfall, VAT_RATE_BPS } from '@ft/domain';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../database';
import { AppError } from '../../platform/http/errors';
import { euros, percent } from '../../platform/pdf/fonts';
import type { DossiersTable } from '../dossiers/tables';
import { type BuyerSnapshot, type InvoiceDocument, parisDate } from './document';
import { toFacturX } from './facturx';
import { readSeller } from './identity';
import { renderInvoicePdf } from './pdf';

type Dossier = Selectable<DossiersTable>;
const DAY_MS = 24 * 3600 * 1000;

/** A short, stable reference of a dossier printed on its paperwork. */
export const dossierReference = (id: string) => `D-${id.slice(0, 8).toUpperCase()}`;

/**
 * The next number of the year for invoices and credit notes alike. The counter row stays locked
 * until the transaction ends, so concurrent issuances queue and numbers are gap-free and unique;
 * a rolled-back issuance gives its number back.
 */
async function nextNumber(trx: Kysely<DB>, year: number) {
  const row = await sql<{ last_number: number }>`
    insert into invoice_counters (year, last_number) values (${year}, 1)
    on conflict (year) do update set last_number = invoice_counters.last_number + 1
    returning last_number`.execute(trx);
  const sequence = row.rows[0]?.last_number ?? 1;
  return { sequence, number: `FT-${year}-${String(sequence).padStart(5, '0')}` };
}

/** The client's billing identity; an invoice cannot be issued before it is complete. */
async function readBuyer(trx: Kysely<DB>, clientId: string): Promise<BuyerSnapshot> {
  const c = await trx
    .selectFrom('client_profiles')
    .selectAll()
    .where('user_id', '=', clientId)
    .executeTakeFirst();
  if (!c?.billing_street || !c.billing_postcode || !c.billing_city || !c.vat_number) {
    throw new AppError(
      'BILLING_PROFILE_INCOMPLETE',
      409,
      'Le client doit d’abord compléter son adresse de facturation et son numéro de TVA intracommunautaire (Mon compte).',
    );
  }
  return {
    legalName: c.company_name,
    siren: c.siren,
    vatNumber: c.vat_number,
    street: c.billing_street,
    postcode: c.billing_postcode,
    city: c.billing_city,
    country: c.billing_country,
    contactName: `${c.first_name} ${c.last_name}`,
  };
}

async function store(
  trx: Kysely<DB>,
  doc: InvoiceDocument,
  row: {
    year: number;
    sequence: number;
    dossierId: string;
    clientId: string;
    expertId: string;
    baseCents: number;
    clientFeeRateBps: number | null;
    platformCommissionCents: number;
    expertNetCents: number;
    creditedInvoiceId: string | null;
    actorId: string | null;
  },
) {
  const facturx = await toFacturX(doc, await renderInvoicePdf(doc));
  const inserted = await trx
    .insertInto('invoices')
    .values({
      number: doc.number,
      year: row.year,
      sequence: row.sequence,
      kind: doc.kind,
      credited_invoice_id: row.creditedInvoiceId,
      reason: doc.reason,
      dossier_id: row.dossierId,
      client_id: row.clientId,
      expert_id: row.expertId,
      base_cents: row.baseCents,
      client_fee_rate_bps: row.clientFeeRateBps,
      fee_excl_vat_cents: doc.feeExclVatCents,
      vat_cents: doc.vatCents,
      total_incl_vat_cents: doc.totalInclVatCents,
      platform_commission_cents: row.platformCommissionCents,
      expert_net_cents: row.expertNetCents,
      due_on: doc.dueDate,
      paid_at: null,
      seller: JSON.stringify(doc.seller),
      buyer: JSON.stringify(doc.buyer),
      line_label: doc.lineLabel,
      service_date: doc.serviceDate,
      status: 'made_available',
      facturx_pdf: facturx.pdf,
      facturx_xml: facturx.xml,
      facturx_sha256: facturx.sha256,
      transmitted_at: null,
      transmission_reference: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Issued, then at once made available to the client in the app (its PA would do it otherwise).
  await trx
    .insertInto('invoice_events')
    .values([
      { invoice_id: inserted.id, status: 'issued', actor_id: row.actorId, note: null },
      { invoice_id: inserted.id, status: 'made_available', actor_id: null, note: 'Espace client' },
    ])
    .execute();
  return inserted.id;
}

/**
 * Issues the Factur-X invoice of a dossier: the platform invoices the client for the expert's fee
 * (rate × amount granted, or the accepted quote) and the statement keeps what the expert receives.
 */
export async function issueDossierInvoice(
  trx: Kysely<DB>,
  input: {
    dossier: Dossier;
    baseCents: number;
    clientFeeRateBps: number | null;
    platformFeeRateBps: number;
    actorId: string | null;
    now?: Date;
  },
): Promise<{ invoice: string }> {
  const { dossier } = input;
  if (!dossier.expert_id)
    throw new AppError('PRECONDITION_FAILED', 409, 'Aucun expert n’est assigné à ce dossier.');
  const now = input.now ?? new Date();
  const [buyer, seller, product] = await Promise.all([
    readBuyer(trx, dossier.client_id),
    readSeller(trx),
    trx
      .selectFrom('products')
      .select('name')
      .where('code', '=', dossier.product_code)
      .executeTakeFirstOrThrow(),
  ]);
  const money = feeWaterfall({
    baseCents: input.baseCents,
    clientFeeRateBps: input.clientFeeRateBps,
    platformFeeRateBps: input.platformFeeRateBps,
  });
  const year = Number(parisDate(now).slice(0, 4));
  const { sequence, number } = await nextNumber(trx, year);
  const lineLabel =
    input.clientFeeRateBps === null
      ? `Prestation « ${product.name} »${dossier.quote_description ? ` : ${dossier.quote_description}` : ''} (devis accepté)`
      : `Honoraires de résultat « ${product.name} » : ${percent(input.clientFeeRateBps)} du montant accordé de ${euros(input.baseCents)}`;
  const doc: InvoiceDocument = {
    kind: 'invoice',
    number,
    issueDate: parisDate(now),
    dueDate: parisDate(new Date(now.getTime() + 30 * DAY_MS)),
    serviceDate: parisDate(now),
    seller,
    buyer,
    lineLabel,
    dossierReference: dossierReference(dossier.id),
    feeExclVatCents: money.feeExclVatCents,
    vatRateBps: VAT_RATE_BPS,
    vatCents: money.vatCents,
    totalInclVatCents: money.totalInclVatCents,
    credited: null,
    reason: null,
  };
  await store(trx, doc, {
    year,
    sequence,
    dossierId: dossier.id,
    clientId: dossier.client_id,
    expertId: dossier.expert_id,
    baseCents: input.baseCents,
    clientFeeRateBps: input.clientFeeRateBps,
    platformCommissionCents: money.platformCommissionCents,
    expertNetCents: money.expertNetCents,
    creditedInvoiceId: null,
    actorId: input.actorId,
  });
  return { invoice: number };
}

/**
 * A credit note (avoir) correcting an issued invoice, never the invoice itself: numbered in the
 * same sequence, naming the invoice it corrects, for the whole remaining amount or part of it.
 */
export async function issueCreditNote(
  trx: Kysely<DB>,
  input: {
    invoiceId: string;
    reason: string;
    amountExclVatCents?: number | undefined;
    actorId: string;
    now?: Date;
  },
) {
  const invoice = await trx
    .selectFrom('invoices')
    .selectAll()
    .where('id', '=', input.invoiceId)
    .forUpdate()
    .executeTakeFirst();
  if (invoice?.kind !== 'invoice' || !invoice.seller || !invoice.buyer) {
    throw new AppError('NOT_FOUND', 404, 'Facture introuvable.');
  }
  const credited = await trx
    .selectFrom('invoices')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('fee_excl_vat_cents'), sql<number>`0`).as('total'))
    .where('credited_invoice_id', '=', invoice.id)
    .executeTakeFirstOrThrow();
  const remaining = Number(invoice.fee_excl_vat_cents) - Number(credited.total);
  const amount = input.amountExclVatCents ?? remaining;
  if (remaining <= 0)
    throw new AppError('INVOICE_STATE', 409, 'Cette facture est déjà entièrement annulée par avoir.');
  if (amount > remaining) {
    throw new AppError('VALIDATION_FAILED', 400, 'Certaines valeurs sont invalides.', {
      errors: [{ field: 'amountExclVatCents', message: `L’avoir ne peut dépasser ${euros(remaining)} HT.` }],
    });
  }
  const now = input.now ?? new Date();
  const year = Number(parisDate(now).slice(0, 4));
  const { sequence, number } = await nextNumber(trx, year);
  const vatCents = applyRate(amount, VAT_RATE_BPS);
  const share = (cents: number) => Math.round((Number(cents) * amount) / Number(invoice.fee_excl_vat_cents));
  const doc: InvoiceDocument = {
    kind: 'credit_note',
    number,
    issueDate: parisDate(now),
    dueDate: parisDate(now),
    serviceDate: invoice.service_date ?? parisDate(invoice.issued_at),
    seller: invoice.seller,
    buyer: invoice.buyer,
    lineLabel: `Avoir sur ${invoice.line_label ?? `la facture ${invoice.number}`}`,
    dossierReference: dossierReference(invoice.dossier_id),
    feeExclVatCents: amount,
    vatRateBps: VAT_RATE_BPS,
    vatCents,
    totalInclVatCents: amount + vatCents,
    credited: { number: invoice.number, issueDate: parisDate(invoice.issued_at) },
    reason: input.reason,
  };
  const commission = share(invoice.platform_commission_cents);
  const id = await store(trx, doc, {
    year,
    sequence,
    dossierId: invoice.dossier_id,
    clientId: invoice.client_id,
    expertId: invoice.expert_id,
    baseCents: Number(invoice.base_cents),
    clientFeeRateBps: invoice.client_fee_rate_bps,
    platformCommissionCents: commission,
    expertNetCents: amount - commission,
    creditedInvoiceId: invoice.id,
    actorId: input.actorId,
  });
  return { id, number };
}

import { feeWaterfall } from '@ft/domain';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../database';
import { AppError } from '../../platform/http/errors';
import type { Dossier } from './repository';

/** The next invoice number of the year; the counter row lock makes numbers gap-free and unique. */
async function nextInvoiceNumber(trx: Kysely<DB>, year: number) {
  const row = await sql<{ last_number: number }>`
    insert into invoice_counters (year, last_number) values (${year}, 1)
    on conflict (year) do update set last_number = invoice_counters.last_number + 1
    returning last_number`.execute(trx);
  const sequence = row.rows[0]?.last_number ?? 1;
  return { sequence, number: `FT-${year}-${String(sequence).padStart(5, '0')}` };
}

/**
 * Issues the dossier's one invoice (the fee on `baseCents` at the frozen rates), in the action's
 * transaction: the one function any invoice format (PDF, Factur-X) starts from.
 */
export async function issueInvoice(
  trx: Kysely<DB>,
  dossier: Dossier,
  input: { baseCents: number; clientFeeRateBps: number | null; platformFeeRateBps: number },
): Promise<{ invoice: string }> {
  if (!dossier.expert_id)
    throw new AppError('PRECONDITION_FAILED', 409, 'Aucun expert n’est assigné à ce dossier.');
  const year = new Date().getUTCFullYear();
  const { sequence, number } = await nextInvoiceNumber(trx, year);
  const money = feeWaterfall({
    baseCents: input.baseCents,
    clientFeeRateBps: input.clientFeeRateBps,
    platformFeeRateBps: input.platformFeeRateBps,
  });
  const due = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  await trx
    .insertInto('invoices')
    .values({
      number,
      year,
      sequence,
      dossier_id: dossier.id,
      client_id: dossier.client_id,
      expert_id: dossier.expert_id,
      base_cents: input.baseCents,
      client_fee_rate_bps: input.clientFeeRateBps,
      fee_excl_vat_cents: money.feeExclVatCents,
      vat_cents: money.vatCents,
      total_incl_vat_cents: money.totalInclVatCents,
      platform_commission_cents: money.platformCommissionCents,
      expert_net_cents: money.expertNetCents,
      due_on: due,
      paid_at: null,
    })
    .execute();
  return { invoice: number };
}

import type { FeeEstimate } from '@ft/contracts';
import { feeWaterfall } from '@ft/domain';
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../database';
import type { DossiersTable } from '../dossiers/tables';

const FROZEN = new Set([
  'client_approved',
  'claim_filed',
  'claim_accepted',
  'claim_refused',
  'quote_accepted',
  'invoiced',
  'completed',
]);

/**
 * The fee of a dossier as the client should see it before committing: the rate (proposed by the
 * expert or its default, frozen once accepted), the fee excl. and incl. VAT on the audited amount
 * (granted amount once decided; the quote on the short track) and what the expert receives.
 */
export async function dossierFees(
  trx: Kysely<DB>,
  d: Selectable<DossiersTable>,
): Promise<FeeEstimate | null> {
  if (!d.expert_id) return null;
  const frozen = FROZEN.has(d.status) && d.platform_fee_rate_bps !== null;
  if (d.track === 'short') {
    if (d.quote_amount_cents === null) return null;
    const expert = await trx
      .selectFrom('expert_profiles')
      .select('platform_fee_rate_bps')
      .where('user_id', '=', d.expert_id)
      .executeTakeFirst();
    const platformFeeRateBps = d.platform_fee_rate_bps ?? expert?.platform_fee_rate_bps ?? 3000;
    const money = feeWaterfall({
      baseCents: Number(d.quote_amount_cents),
      clientFeeRateBps: null,
      platformFeeRateBps,
    });
    return {
      baseCents: Number(d.quote_amount_cents),
      clientFeeRateBps: null,
      platformFeeRateBps,
      ...money,
      frozen,
    };
  }
  const base = d.granted_amount_cents ?? d.final_amount_cents;
  if (base === null) return null;
  const expert = await trx
    .selectFrom('expert_profiles')
    .select(['client_fee_rate_bps', 'platform_fee_rate_bps'])
    .where('user_id', '=', d.expert_id)
    .executeTakeFirst();
  const clientFeeRateBps =
    d.client_fee_rate_bps ?? d.proposed_fee_rate_bps ?? expert?.client_fee_rate_bps ?? 3000;
  const platformFeeRateBps = d.platform_fee_rate_bps ?? expert?.platform_fee_rate_bps ?? 3000;
  const money = feeWaterfall({ baseCents: Number(base), clientFeeRateBps, platformFeeRateBps });
  return { baseCents: Number(base), clientFeeRateBps, platformFeeRateBps, ...money, frozen };
}

import { roundHalfAwayFromZero } from '../money';

/** Basis points: 3000 = 30 %. */
export type Bps = number;

export const DEFAULT_CLIENT_FEE_RATE_BPS: Bps = 3000;
export const DEFAULT_PLATFORM_FEE_RATE_BPS: Bps = 3000;
export const DEFAULT_CLIENT_FEE_RANGE_BPS: readonly [Bps, Bps] = [2000, 3500];
export const VAT_RATE_BPS: Bps = 2000;

/** Integer cents × basis points, rounded half away from zero to the cent. */
export function applyRate(amountCents: number, rateBps: Bps): number {
  if (!Number.isSafeInteger(amountCents) || !Number.isInteger(rateBps)) {
    throw new RangeError('amounts are integer cents and rates integer basis points');
  }
  return roundHalfAwayFromZero((amountCents * rateBps) / 10_000);
}

export type FeeWaterfall = {
  feeExclVatCents: number;
  vatCents: number;
  totalInclVatCents: number;
  platformCommissionCents: number;
  expertNetCents: number;
};

/**
 * What the client pays and what the expert receives. The fee is the client rate × amount granted
 * (or the accepted quote on the short track); the platform keeps its rate of that fee.
 */
export function feeWaterfall(input: {
  baseCents: number;
  clientFeeRateBps: Bps | null;
  platformFeeRateBps: Bps;
}): FeeWaterfall {
  const feeExclVatCents =
    input.clientFeeRateBps === null ? input.baseCents : applyRate(input.baseCents, input.clientFeeRateBps);
  const vatCents = applyRate(feeExclVatCents, VAT_RATE_BPS);
  const platformCommissionCents = applyRate(feeExclVatCents, input.platformFeeRateBps);
  return {
    feeExclVatCents,
    vatCents,
    totalInclVatCents: feeExclVatCents + vatCents,
    platformCommissionCents,
    expertNetCents: feeExclVatCents - platformCommissionCents,
  };
}

export function isWithinRange(rateBps: Bps, [min, max]: readonly [Bps, Bps]): boolean {
  return Number.isInteger(rateBps) && rateBps >= min && rateBps <= max;
}

import { describe, expect, it } from 'vitest';
import { applyRate, feeWaterfall, isWithinRange } from './fees';

describe('fee waterfall', () => {
  it('charges the client 30 % of the amount granted plus VAT, and pays the expert the fee minus 30 %', () => {
    expect(feeWaterfall({ baseCents: 1_200_000, clientFeeRateBps: 3000, platformFeeRateBps: 3000 })).toEqual({
      feeExclVatCents: 360_000,
      vatCents: 72_000,
      totalInclVatCents: 432_000,
      platformCommissionCents: 108_000,
      expertNetCents: 252_000,
    });
  });

  it('invoices an accepted quote as it is (short track)', () => {
    const waterfall = feeWaterfall({ baseCents: 99_999, clientFeeRateBps: null, platformFeeRateBps: 3000 });
    expect(waterfall.feeExclVatCents).toBe(99_999);
    expect(waterfall.vatCents).toBe(20_000);
    expect(waterfall.platformCommissionCents + waterfall.expertNetCents).toBe(99_999);
  });

  it('rounds to the cent and refuses fractional inputs', () => {
    expect(applyRate(1, 5000)).toBe(1);
    expect(applyRate(333, 3333)).toBe(111);
    // A credit note (negative amount) rounds its half-cents away from zero too, mirroring the invoice.
    expect(applyRate(-1, 5000)).toBe(-1);
    expect(applyRate(-3, 5000)).toBe(-2);
    expect(() => applyRate(10.5, 3000)).toThrow(RangeError);
  });

  it('keeps the client rate within the admin range', () => {
    expect(isWithinRange(2000, [2000, 3500])).toBe(true);
    expect(isWithinRange(3600, [2000, 3500])).toBe(false);
  });
});

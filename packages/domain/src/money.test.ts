import { describe, expect, it } from 'vitest';
import { centsToEuros, eurosToCents, hasWholeCents, roundHalfAwayFromZero, roundToEuros } from './money';

describe('money', () => {
  it('turns euros into integer cents without binary drift', () => {
    expect(eurosToCents(0.29)).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(eurosToCents(19.99)).toBe(1_999);
    expect(eurosToCents(1_234.56)).toBe(123_456);
    expect(eurosToCents(159_300)).toBe(15_930_000);
    expect(eurosToCents(9_999_999_999.99)).toBe(999_999_999_999);
    expect(eurosToCents(0)).toBe(0);
  });

  it('rounds a fraction of a cent half away from zero, as the figure was written', () => {
    expect(eurosToCents(1.005)).toBe(101); // 1.005 * 100 = 100.49999999999999
    expect(eurosToCents(1.004)).toBe(100);
    expect(eurosToCents(-1.005)).toBe(-101);
    expect(eurosToCents(-0.001)).toBe(0);
    expect(Object.is(eurosToCents(-0.001), 0)).toBe(true);
  });

  it('turns cents back into euros exactly', () => {
    expect(centsToEuros(29)).toBe(0.29);
    expect(centsToEuros(123_456)).toBe(1_234.56);
    expect(centsToEuros(-5)).toBe(-0.05);
    for (let cents = 0; cents < 10_000; cents += 7) expect(eurosToCents(centsToEuros(cents))).toBe(cents);
  });

  it('refuses what is not money', () => {
    expect(() => eurosToCents(Number.NaN)).toThrow(RangeError);
    expect(() => eurosToCents(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => eurosToCents(1e20)).toThrow(RangeError);
    expect(() => centsToEuros(1.5)).toThrow(RangeError);
  });

  it('rounds to the euro', () => {
    expect(roundToEuros(2.5)).toBe(3);
    expect(roundToEuros(2.4999)).toBe(2);
    expect(roundToEuros(5_280.000000000001)).toBe(5_280);
    expect(roundHalfAwayFromZero(-2.5)).toBe(-3);
    expect(roundHalfAwayFromZero(1.005 * 1000)).toBe(1005); // 1004.9999999999999
  });

  it('tells an amount to the cent from one with a fraction of a cent', () => {
    for (const value of [0, 0.29, 10.01, 1_234.56, 9_999_999_999.99, -3.5]) {
      expect(hasWholeCents(value), String(value)).toBe(true);
    }
    for (const value of [10.001, 0.005, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(hasWholeCents(value), String(value)).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import {
  formatEurosFr,
  formatNumberFr,
  formatPercentFr,
  formatWithUnit,
  THOUSANDS_SEPARATOR,
} from './format';

/** Digits grouped the French way: `n('5 000')` is `5\u202f000`. Only for numbers, not units. */
const n = (text: string) => text.replaceAll(' ', THOUSANDS_SEPARATOR);

describe('French formatting of explanations', () => {
  it('groups thousands with a narrow no-break space (U+202F), as the SPA does', () => {
    expect(THOUSANDS_SEPARATOR).toBe('\u202f');
    expect(formatNumberFr(5_000)).toBe(n('5 000'));
    expect(formatNumberFr(999)).toBe('999');
    expect(formatNumberFr(1_234_567.5)).toBe(n('1 234 567,5'));
    expect(formatNumberFr(10_000_000_000)).toBe(n('10 000 000 000'));
  });

  it('matches Intl fr-FR, so explanations and the SPA read the same', () => {
    const intl = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
    for (const value of [0, 7, 12.5, 999.999, 1_000, 35_000, 122_500, 1_234_567.891, -4_800.25]) {
      expect(formatNumberFr(value), String(value)).toBe(intl.format(value));
    }
  });

  it('writes decimals with a comma and at most two of them', () => {
    expect(formatNumberFr(0.2)).toBe('0,2');
    expect(formatNumberFr(6.499)).toBe('6,5');
    expect(formatNumberFr(-0.001)).toBe('0');
  });

  it('formats euros, rates and units', () => {
    expect(formatEurosFr(122_500)).toBe(`${n('122 500')} €`);
    expect(formatEurosFr(2.5)).toBe('3 €');
    expect(formatPercentFr(0.065)).toBe('6,5 %');
    expect(formatPercentFr(0.1)).toBe('10 %');
    expect(formatPercentFr(1)).toBe('100 %');
    expect(formatWithUnit(0.2, '€/L')).toBe('0,20 €/L');
    expect(formatWithUnit(12, 'mois')).toBe('12 mois');
    expect(formatWithUnit(35_000, '€')).toBe(`${n('35 000')} €`);
    expect(formatWithUnit(3, undefined)).toBe('3');
  });
});

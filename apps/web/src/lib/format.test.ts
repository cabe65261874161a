import { describe, expect, it } from 'vitest';
import { formatCents, formatDate, formatDateTime, formatEuros, formatMonth } from './format';

// Intl's French style separates thousands with a narrow no-break space and puts one before €.
const NNBSP = '\u202f';
const NBSP = '\u00a0';

describe('French formatting', () => {
  it('formats whole euros like 159 300 €', () => {
    expect(formatEuros(159_300)).toBe(`159${NNBSP}300${NBSP}€`);
    expect(formatEuros(0)).toBe(`0${NBSP}€`);
  });

  it('formats cents with two decimals and a comma', () => {
    expect(formatCents(123_456)).toBe(`1${NNBSP}234,56${NBSP}€`);
  });

  it('formats dates as 24/11/2026 in Paris time', () => {
    expect(formatDate('2026-11-24T10:00:00Z')).toBe('24/11/2026');
    expect(formatDate('2026-11-24T23:30:00Z')).toBe('25/11/2026');
    expect(formatDateTime('2026-07-01T12:05:00Z')).toBe('01/07/2026 14:05');
  });

  it('names a month like décembre 2026, not 2026-12', () => {
    expect(formatMonth('2026-12')).toBe('décembre 2026');
    expect(formatMonth('2027-01', 'en')).toBe('January 2027');
    expect(formatMonth('soon')).toBe('soon');
  });

  it('uses English conventions in English', () => {
    expect(formatEuros(1500, 'en')).toBe('€1,500');
  });
});

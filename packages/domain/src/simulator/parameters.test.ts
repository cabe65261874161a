import { describe, expect, it } from 'vitest';
import { periodProblems } from './check';
import { parisDay } from './dates';
import { defaultParameters } from './default-parameters';
import { describeParameterSource, parameterAt, periodsOverlap } from './parameters';
import type { Parameter } from './types';

const dfs = defaultParameters.find((p) => p.code === 'DFS_RATE') as Parameter;
const source = { label: 'x' };

describe('parameter selection', () => {
  it('takes the period in force, bounds included', () => {
    expect(parameterAt(dfs, '2025-01-01')?.period.value).toBe(18);
    expect(parameterAt(dfs, '2025-12-31')?.period.value).toBe(18);
    expect(parameterAt(dfs, '2026-01-01')).toMatchObject({ inForce: true, period: { value: 17 } });
  });

  it('after every period, the latest earlier one, flagged as not in force', () => {
    const found = parameterAt(dfs, '2030-06-01');
    expect(found).toMatchObject({ inForce: false, period: { value: 16 } });
    expect(found && describeParameterSource(found)).toBe(
      'taux DFS 2027, dernière valeur publiée, BOSS, trajectoire',
    );
  });

  it('in a gap between periods, the one before the gap', () => {
    const gap: Parameter = {
      ...dfs,
      periods: [
        { validFrom: '2024-01-01', validTo: '2024-06-30', value: 1, source },
        { validFrom: '2025-01-01', validTo: null, value: 2, source },
      ],
    };
    expect(parameterAt(gap, '2024-09-01')).toMatchObject({ inForce: false, period: { value: 1 } });
  });

  it('never a value from the future', () => {
    expect(parameterAt(dfs, '2023-12-31')).toBeUndefined();
  });
});

describe('evaluation day in Europe/Paris', () => {
  it('23:30 UTC on 31/12 is already 1 January in Paris', () => {
    expect(parisDay(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(parisDay(new Date('2026-06-30T21:59:00Z'))).toBe('2026-06-30');
    expect(parisDay(new Date('2026-06-30T22:00:00Z'))).toBe('2026-07-01');
  });
});

describe('periods', () => {
  it('overlap when they share a day, open ends included', () => {
    expect(
      periodsOverlap(
        { validFrom: '2026-01-01', validTo: null },
        { validFrom: '2027-01-01', validTo: '2027-12-31' },
      ),
    ).toBe(true);
    expect(
      periodsOverlap(
        { validFrom: '2026-01-01', validTo: '2026-12-31' },
        { validFrom: '2026-12-31', validTo: null },
      ),
    ).toBe(true);
    expect(
      periodsOverlap(
        { validFrom: '2026-01-01', validTo: '2026-12-31' },
        { validFrom: '2027-01-01', validTo: null },
      ),
    ).toBe(false);
  });

  it('the catalogue check names overlaps, bad days and reversed periods', () => {
    expect(periodProblems(dfs.periods)).toEqual([]);
    expect(
      periodProblems([
        { validFrom: '2026-01-01', validTo: null, value: 1, source },
        { validFrom: '2026-06-01', validTo: '2026-02-30', value: 1, source },
        { validFrom: '2028-01-01', validTo: '2027-01-01', value: 1, source },
      ]),
    ).toEqual([
      'Les périodes du 2026-01-01 et du 2026-06-01 se chevauchent.',
      'Les périodes du 2026-01-01 et du 2028-01-01 se chevauchent.',
      'Période 2 : date invalide.',
      'Période 3 : la fin précède le début.',
    ]);
  });
});

describe('years before', () => {
  it('keeps the day, and 29 February falls back to 28 in a common year', async () => {
    const { yearsBefore } = await import('./dates');
    expect(yearsBefore('2026-12-01', 3)).toBe('2023-12-01');
    expect(yearsBefore('2028-02-29', 3)).toBe('2025-02-28');
    expect(yearsBefore('2028-02-29', 4)).toBe('2024-02-29');
  });
});

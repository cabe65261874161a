import { yearOf } from './dates';
import type { Parameter, ParameterPeriod } from './types';

/** The value a formula uses, and whether it is the one in force or only the latest known. */
export type ParameterValue = {
  parameter: Parameter;
  period: ParameterPeriod;
  /** False when no period covers the day and the latest earlier one stands in. */
  inForce: boolean;
};

const covers = (period: ParameterPeriod, day: string) =>
  period.validFrom <= day && (period.validTo === null || day <= period.validTo);

/**
 * The value in force on `day`; when none covers it (next year's rate not published yet), the
 * latest period that started before it. Undefined when the day precedes every period: a value
 * from the future is never used for the past. ISO days compare as strings.
 */
export function parameterAt(parameter: Parameter, day: string): ParameterValue | undefined {
  const current = parameter.periods.find((period) => covers(period, day));
  if (current) return { parameter, period: current, inForce: true };
  let latest: ParameterPeriod | undefined;
  for (const period of parameter.periods) {
    if (period.validFrom <= day && (!latest || period.validFrom > latest.validFrom)) latest = period;
  }
  return latest ? { parameter, period: latest, inForce: false } : undefined;
}

/** `(tarif 2026, DREAL)`, or `(taux DFS 2027, dernière valeur publiée, BOSS)` after its period. */
export function describeParameterSource({ parameter, period, inForce }: ParameterValue): string {
  const year = parameter.dated ? ` ${yearOf(period.validFrom)}` : '';
  const stale = inForce ? '' : ', dernière valeur publiée';
  return `${parameter.label}${year}${stale}, ${period.source.short ?? period.source.label}`;
}

/** Two periods share at least one day (an open end runs forever). */
export function periodsOverlap(
  a: Pick<ParameterPeriod, 'validFrom' | 'validTo'>,
  b: Pick<ParameterPeriod, 'validFrom' | 'validTo'>,
): boolean {
  const aEndsBeforeB = a.validTo !== null && a.validTo < b.validFrom;
  const bEndsBeforeA = b.validTo !== null && b.validTo < a.validFrom;
  return !aEndsBeforeB && !bEndsBeforeA;
}

import { DateTime } from 'luxon';

/** Legal dates are French calendar days: an evaluation at 23:30 UTC on 31/12 is already 1 January. */
export const LEGAL_ZONE = 'Europe/Paris';

/** The calendar day (`2026-12-01`) of an instant in Europe/Paris. */
export function parisDay(at: Date): string {
  const day = DateTime.fromJSDate(at, { zone: LEGAL_ZONE }).toISODate();
  if (!day) throw new RangeError(`invalid date: ${String(at)}`);
  return day;
}

/** True for a real calendar day written `YYYY-MM-DD`. */
export function isIsoDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: LEGAL_ZONE }).isValid;
}

export const yearOf = (day: string): number => Number(day.slice(0, 4));

/** `2027-12-31` → `31/12/2027`, as every French text prints a date. */
export function frenchDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/**
 * The same day `years` years earlier (29 February → 28 February). Plain string arithmetic: it runs
 * on every evaluation, where a time-zone-aware date library costs more than the whole engine.
 */
export function yearsBefore(day: string, years: number): string {
  const [year = '0', month = '01', date = '01'] = day.split('-');
  const target = Number(year) - years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  const safeDate = month === '02' && date === '29' && !leap ? '28' : date;
  return `${String(target).padStart(4, '0')}-${month}-${safeDate}`;
}

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

/** The same day `years` years earlier (29 February → 28 February). */
export function yearsBefore(day: string, years: number): string {
  const shifted = DateTime.fromISO(day, { zone: LEGAL_ZONE }).minus({ years }).toISODate();
  if (!shifted) throw new RangeError(`invalid day: ${day}`);
  return shifted;
}

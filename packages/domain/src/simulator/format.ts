import { roundToEuros } from '../money';

/**
 * French number formatting for explanations, written out rather than taken from `Intl` so the
 * engine's text does not depend on the ICU data of the machine that runs it (a recorded
 * explanation must read the same on every instance).
 *
 * Separators, one convention everywhere:
 * - thousands: U+202F NARROW NO-BREAK SPACE — what `Intl.NumberFormat('fr-FR')` and therefore the
 *   SPA print, so `5 000` in an explanation matches `5 000` in an input or a total;
 * - decimals: a comma (`0,20`, `6,5`);
 * - between a number and its unit, around `×` and `=`, before `%`: a plain U+0020 space.
 */
export const THOUSANDS_SEPARATOR = '\u202f';

/** `value` with between `minFraction` and `maxFraction` decimals, French style. */
function formatDecimalFr(value: number, minFraction: number, maxFraction: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [integer = '0', fraction = ''] = Math.abs(value).toFixed(maxFraction).split('.');
  let decimals = fraction;
  while (decimals.length > minFraction && decimals.endsWith('0')) decimals = decimals.slice(0, -1);
  const grouped = integer.replace(/\B(?=(\d{3})+$)/g, THOUSANDS_SEPARATOR);
  const isZero = /^0*$/.test(integer + decimals);
  return `${value < 0 && !isZero ? '-' : ''}${grouped}${decimals ? `,${decimals}` : ''}`;
}

/** Up to two decimals: `5 000`, `0,2`, `6,5`. */
export const formatNumberFr = (value: number) => formatDecimalFr(value, 0, 2);

/** Whole euros: `12 000 €`. */
export const formatEurosFr = (value: number) => `${formatNumberFr(roundToEuros(value))} €`;

/** A rate given as a fraction: 0.065 → `6,5 %`. */
export const formatPercentFr = (fraction: number) => `${formatNumberFr(fraction * 100)} %`;

/** Money rates keep two decimals (`0,20 €/L`) so the figure reads as a price. */
export function formatWithUnit(value: number, unit: string | undefined): string {
  if (unit?.startsWith('€/')) return `${formatDecimalFr(value, 2, 2)} ${unit}`;
  return unit ? `${formatNumberFr(value)} ${unit}` : formatNumberFr(value);
}

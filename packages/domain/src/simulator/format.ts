const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });

/** French number formatting, as the SPA shows it: `5 000`, `0,2`, `6,5` (thousands: U+202F). */
export const formatNumberFr = (value: number) => numberFormat.format(value);

/** Whole euros: `12 000 €`. */
export const formatEurosFr = (value: number) => `${formatNumberFr(Math.round(value))} €`;

/** A rate given as a fraction: 0.065 → `6,5 %`. */
export const formatPercentFr = (fraction: number) =>
  `${formatNumberFr(Math.round(fraction * 10_000) / 100)} %`;

/** Money rates keep two decimals (`0,20 €/L`) so the figure reads as a price. */
export function formatWithUnit(value: number, unit: string | undefined): string {
  if (unit?.startsWith('€/')) {
    return `${new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)} ${unit}`;
  }
  return unit ? `${formatNumberFr(value)} ${unit}` : formatNumberFr(value);
}

/**
 * Money is stored and added up as integer cents; euros as numbers only cross the simulator's API
 * (answers and estimates). These helpers are the one place where the two meet, so binary noise
 * such as `0.29 * 100 = 28.999999999999996` never turns into a lost cent.
 */

/**
 * Rounds half away from zero (2.5 → 3, −2.5 → −3) after snapping the value to 15 significant
 * digits: every double carries at least 15 exact decimal digits, while the noise of a
 * multiplication sits beyond them, so `1.005 * 100 = 100.49999999999999` rounds like the 100.5 the
 * person meant. Exact for amounts up to 10¹³ with two decimals — far beyond any real figure here.
 */
export function roundHalfAwayFromZero(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round a non-finite number (${value})`);
  const snapped = Number(value.toPrecision(15));
  const rounded = snapped < 0 ? -Math.round(-snapped) : Math.round(snapped);
  // Keep −0 out of results: it prints as 0 but fails strict equality checks downstream.
  return rounded === 0 ? 0 : rounded;
}

/** Euros (as typed or computed) to integer cents, rounded half away from zero. */
export function eurosToCents(euros: number): number {
  const cents = roundHalfAwayFromZero(euros * 100);
  if (!Number.isSafeInteger(cents)) throw new RangeError(`amount out of range: ${euros} €`);
  return cents;
}

/** Integer cents to euros; `cents / 100` is the double nearest the decimal value, so no drift. */
export function centsToEuros(cents: number): number {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`cents must be a safe integer, got ${cents}`);
  return cents / 100;
}

/** Whole euros, as the simulator states every estimate. */
export const roundToEuros = (euros: number): number => roundHalfAwayFromZero(euros);

/**
 * True when the amount has no fraction of a cent (10.01 yes, 10.001 no). Compares with the
 * two-decimal reading of the number instead of testing `euros * 100`, which is noisy.
 */
export function hasWholeCents(euros: number): boolean {
  return Number.isFinite(euros) && Number(euros.toFixed(2)) === euros;
}

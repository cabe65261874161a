import type { Answers } from './types';

/** The day the worked examples of spec/simulator-v2.md are evaluated on. */
export const EXAMPLE_EVALUATION_DAY = '2026-12-01';

/** Worked example A (a haulier): 67 301 € a year, nothing one-off, 7 eligible products. */
export const WORKED_EXAMPLE_A: Answers = {
  SECTOR: 'transport',
  ANNUAL_TURNOVER: 750_000,
  EMPLOYEES: 35,
  OWNS_PREMISES: true,
  PROPERTY_TAX: 10_000,
  PREMISES_USE: 'industrial',
  PREMISES_VACANT_MONTHS: 0,
  UNPAID_INVOICES: 0,
  HAS_ELECTRICITY_CONTRACT: true,
  ELECTRICITY_MWH_PER_YEAR: 120,
  ELECTRICITY_PRICE_PER_MWH: 160,
  HAS_GAS_CONTRACT: false,
  HAS_VEHICLES: true,
  VEHICLE_TYPES: ['truck_over_7_5'],
  HEAVY_VEHICLES: 10,
  FUEL_LITRES_HEAVY_PER_YEAR: 300_000,
  TICPE_ALREADY_CLAIMED: false,
  LONG_DISTANCE_DRIVERS: 10,
  DFS_APPLIED: false,
};

/** Worked example B (a consultancy): 2 000 € a year, 11 160 € one-off, 4 eligible products. */
export const WORKED_EXAMPLE_B: Answers = {
  SECTOR: 'services',
  ANNUAL_TURNOVER: 250_000,
  EMPLOYEES: 25,
  OWNS_PREMISES: true,
  PROPERTY_TAX: 8_000,
  PREMISES_USE: 'commercial',
  PREMISES_VACANT_MONTHS: 6,
  VACANT_SHARE_PERCENT: 50,
  UNPAID_INVOICES: 12_000,
  UNPAID_INVOICE_COUNT: 4,
  UNPAID_AGE: 'under_12_months',
  HAS_ELECTRICITY_CONTRACT: true,
  ELECTRICITY_MWH_PER_YEAR: 40,
  ELECTRICITY_PRICE_PER_MWH: 150,
  HAS_GAS_CONTRACT: true,
  GAS_MWH_PER_YEAR: 60,
  GAS_PRICE_PER_MWH: 40,
  HAS_VEHICLES: false,
};

/**
 * Worked example C: answers that must be refused, each naming its question. Each entry is a
 * patch applied on top of `base` (the answers already saved).
 */
export const WORKED_EXAMPLE_C_ERRORS: { base: Answers; patch: Answers; question: string }[] = [
  {
    base: WORKED_EXAMPLE_A,
    patch: { FUEL_LITRES_HEAVY_PER_YEAR: 700_000 },
    question: 'FUEL_LITRES_HEAVY_PER_YEAR',
  },
  { base: WORKED_EXAMPLE_A, patch: { LONG_DISTANCE_DRIVERS: 36 }, question: 'LONG_DISTANCE_DRIVERS' },
  { base: WORKED_EXAMPLE_B, patch: { VACANT_SHARE_PERCENT: 0 }, question: 'VACANT_SHARE_PERCENT' },
  { base: WORKED_EXAMPLE_B, patch: { VACANT_SHARE_PERCENT: 101 }, question: 'VACANT_SHARE_PERCENT' },
  { base: WORKED_EXAMPLE_B, patch: { PREMISES_VACANT_MONTHS: 13 }, question: 'PREMISES_VACANT_MONTHS' },
  {
    base: { ...WORKED_EXAMPLE_B, OWNS_PREMISES: false },
    patch: { PROPERTY_TAX: 8_000 },
    question: 'PROPERTY_TAX',
  },
];

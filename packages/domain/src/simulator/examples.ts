import type { Answers } from './types';

/** Worked example A of spec/simulator.md (a haulier): 159 300 €, 7 eligible products. */
export const WORKED_EXAMPLE_A: Answers = {
  SECTOR: 'transport',
  ANNUAL_TURNOVER: 750_000,
  EMPLOYEES: 35,
  OWNS_PREMISES: true,
  PROPERTY_TAX: 10_000,
  UNPAID_INVOICES: 0,
  HAS_ELECTRICITY_CONTRACT: true,
  ELECTRICITY_MONTHLY_BILL: 2_000,
  HAS_GAS_CONTRACT: false,
  HAS_VEHICLES: true,
  VEHICLE_TYPES: ['truck_over_7_5'],
  FUEL_LITRES_PER_MONTH: 5_000,
  DRIVERS: 10,
};

/** Worked example B of spec/simulator.md (a consultancy): 96 300 €, 4 eligible products. */
export const WORKED_EXAMPLE_B: Answers = {
  SECTOR: 'services',
  ANNUAL_TURNOVER: 250_000,
  EMPLOYEES: 25,
  OWNS_PREMISES: true,
  PROPERTY_TAX: 8_000,
  UNPAID_INVOICES: 0,
  HAS_ELECTRICITY_CONTRACT: true,
  ELECTRICITY_MONTHLY_BILL: 2_200,
  HAS_GAS_CONTRACT: true,
  GAS_MONTHLY_BILL: 800,
  HAS_VEHICLES: false,
};

import { z } from 'zod';

/** Every product the platform knows; the catalogue in the database describes each one. */
export const productCodes = [
  'TICPE',
  'URSSAF',
  'DFS',
  'PROPERTY_TAX',
  'MSA',
  'DEBT_RECOVERY',
  'ELECTRICITY_SUPPLIER',
  'GAS_SUPPLIER',
  'DIGITAL_TACHOGRAPH',
  'FLEET_SOFTWARE',
  'CEE',
] as const;
export const productCodeSchema = z.enum(productCodes, { error: 'Produit inconnu.' });
export type ProductCode = z.infer<typeof productCodeSchema>;

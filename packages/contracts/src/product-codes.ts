/**
 * Every product the platform knows. Kept free of zod so the web app can import the list without
 * pulling the validation library into its bundle.
 */
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

export type KnownProductCode = (typeof productCodes)[number];
export const isProductCode = (code: string): code is KnownProductCode =>
  (productCodes as readonly string[]).includes(code);

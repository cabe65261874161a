/**
 * The English names of the catalogue's products and checklist documents, by code. French reads the
 * catalogue's own wording (admins edit it in the database); other languages name an item by its
 * code, here, so the SPA (en.json `catalogue.products` / `catalogue.documents` come from this
 * file) and the API's English e-mails say the same. A code missing here (a product added later)
 * falls back to the catalogue's French name. No zod: the SPA imports it.
 */
type Names = Record<string, string>;
export const CATALOGUE_NAMES_EN: { products: Names; documents: Names; categories: Names } = {
  products: {
    TICPE: 'Partial TICPE (fuel tax) refund',
    URSSAF: 'Social contributions review (URSSAF)',
    DFS: 'Flat-rate deduction for drivers (DFS)',
    PROPERTY_TAX: 'Property tax review',
    MSA: 'Farm social contributions review (MSA)',
    DEBT_RECOVERY: 'Unpaid invoice recovery',
    ELECTRICITY_SUPPLIER: 'Electricity contract renegotiation',
    GAS_SUPPLIER: 'Gas contract renegotiation',
    DIGITAL_TACHOGRAPH: 'Digital tachographs',
    FLEET_SOFTWARE: 'Driving-time management software',
    CEE: 'Energy saving certificates (CEE)',
  },
  documents: {
    VEHICLE_REGISTRATIONS: 'Vehicle registration certificates',
    FUEL_INVOICES: 'Fuel invoices for the last 12 months',
    KBIS: 'Kbis extract less than 3 months old',
    RIB: 'Bank details (RIB)',
    PAYSLIPS: 'Payslips',
    DSN: 'DSN returns for the last 12 months',
    PROPERTY_TAX_NOTICE: 'Property tax notice',
    MSA_STATEMENTS: 'MSA contribution statements',
    UNPAID_INVOICES: 'Unpaid invoices and reminders',
    ENERGY_BILLS: 'Recent electricity bills',
    GAS_BILLS: 'Recent gas bills',
    STATUTS: 'Articles of association',
  },
  /** Categories have no code: keyed by the catalogue's French label. */
  categories: {
    Énergie: 'Energy',
    Social: 'Social',
    Fiscal: 'Tax',
    Juridique: 'Legal',
    Équipement: 'Equipment',
  },
};

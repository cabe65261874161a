/** What an issued invoice or credit note says, frozen at issuance (the invoice row keeps it). */
export type SellerSnapshot = {
  legalName: string;
  legalForm: string;
  siren: string;
  vatNumber: string;
  rcs: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
  iban: string;
  bic: string | null;
  vatOnDebits: boolean;
};

export type BuyerSnapshot = {
  legalName: string;
  siren: string;
  vatNumber: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
  contactName: string;
};

export type InvoiceDocument = {
  kind: 'invoice' | 'credit_note';
  number: string;
  /** YYYY-MM-DD, Europe/Paris */
  issueDate: string;
  dueDate: string;
  /** Date the service was completed (date de la prestation). */
  serviceDate: string;
  seller: SellerSnapshot;
  buyer: BuyerSnapshot;
  lineLabel: string;
  dossierReference: string;
  feeExclVatCents: number;
  vatRateBps: number;
  vatCents: number;
  totalInclVatCents: number;
  /** A credit note names the invoice it corrects. */
  credited: { number: string; issueDate: string } | null;
  reason: string | null;
};

/** Shown to the expert and admins only: what the platform keeps and what the expert receives. */
export type ExpertStatement = { platformCommissionCents: number; expertNetCents: number; expertName: string };

export const PAYMENT_TERMS =
  'Paiement à 30 jours à compter de la date de facture, par virement. Pas d’escompte pour paiement anticipé.';
export const LATE_PAYMENT_TERMS =
  'En cas de retard de paiement : pénalités au taux de trois fois le taux d’intérêt légal, exigibles dès le lendemain de l’échéance, et indemnité forfaitaire de 40 € pour frais de recouvrement (art. L441-10 et D441-5 du Code de commerce).';
export const VAT_ON_DEBITS = 'Option pour le paiement de la TVA d’après les débits.';

/** Integer cents as a decimal string with two digits ("11858.14"), no float arithmetic. */
export function decimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A Paris calendar date (YYYY-MM-DD) of an instant. */
export function parisDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(instant);
}

/** "10 rue de la Paix, 75002 Paris" → street, postcode, city (the configuration checks the form). */
export function splitAddress(address: string): { street: string; postcode: string; city: string } {
  const match = /^(.+),\s*(\d{5})\s+(.+)$/.exec(address.trim());
  return { street: match?.[1] ?? address, postcode: match?.[2] ?? '', city: match?.[3] ?? '' };
}

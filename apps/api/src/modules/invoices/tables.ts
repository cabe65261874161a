import type { InvoiceStatus } from '@ft/contracts';
import type { ColumnType, Generated } from 'kysely';
import type { BuyerSnapshot, SellerSnapshot } from './document';

export interface InvoicesTable {
  id: Generated<string>;
  number: string;
  year: number;
  sequence: number;
  kind: Generated<'invoice' | 'credit_note'>;
  credited_invoice_id: string | null;
  reason: string | null;
  dossier_id: string;
  client_id: string;
  expert_id: string;
  base_cents: number;
  client_fee_rate_bps: number | null;
  fee_excl_vat_cents: number;
  vat_cents: number;
  total_incl_vat_cents: number;
  platform_commission_cents: number;
  expert_net_cents: number;
  issued_at: ColumnType<Date, Date | undefined, never>;
  due_on: string;
  paid_at: Date | null;
  seller: ColumnType<SellerSnapshot | null, string, never>;
  buyer: ColumnType<BuyerSnapshot | null, string, never>;
  line_label: string | null;
  service_date: string | null;
  status: Generated<InvoiceStatus>;
  facturx_pdf: Buffer | null;
  facturx_xml: string | null;
  facturx_sha256: string | null;
  transmitted_at: Date | null;
  transmission_reference: string | null;
}

export interface InvoiceCountersTable {
  year: number;
  last_number: number;
}

export interface InvoiceEventsTable {
  id: Generated<number>;
  invoice_id: string;
  status: InvoiceStatus;
  actor_id: string | null;
  note: string | null;
  occurred_at: ColumnType<Date, Date | undefined, never>;
}

export interface PlatformIdentityTable {
  id: Generated<boolean>;
  legal_name: string;
  legal_form: string;
  siren: string;
  vat_number: string;
  rcs: string;
  street: string;
  postcode: string;
  city: string;
  country: string;
  iban: string;
  bic: string | null;
  vat_on_debits: boolean;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface InvoiceTables {
  invoices: InvoicesTable;
  invoice_counters: InvoiceCountersTable;
  invoice_events: InvoiceEventsTable;
  platform_identity: PlatformIdentityTable;
}

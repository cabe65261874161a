import type { ColumnType, Generated } from 'kysely';

export interface ConsentsTable {
  id: Generated<string>;
  user_id: string;
  document: 'terms' | 'privacy';
  version: string;
  accepted_at: Generated<Date>;
  ip: string | null;
  user_agent: string | null;
}

export interface DataExportsTable {
  id: Generated<string>;
  user_id: string;
  status: Generated<'pending' | 'ready' | 'failed'>;
  token_hash: string | null;
  storage_key: string | null;
  // bigint: the driver may hand back a string.
  size_bytes: ColumnType<string | number | null, number | null | undefined, number | null>;
  error: string | null;
  requested_at: Generated<Date>;
  ready_at: Date | null;
  expires_at: Date | null;
}

export interface PrivacyTables {
  consents: ConsentsTable;
  data_exports: DataExportsTable;
}

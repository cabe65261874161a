import type { ColumnType, Generated } from 'kysely';

export interface DocumentsTable {
  id: Generated<string>;
  client_id: string;
  dossier_id: string;
  item_id: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface DocumentVersionsTable {
  document_id: string;
  version: number;
  storage_key: string;
  sha256: string;
  size_bytes: number;
  mime_type: string;
  file_name: string;
  uploaded_by: string | null;
  uploaded_at: ColumnType<Date, never, never>;
  review_status: ColumnType<'approved' | 'rejected' | null, never, 'approved' | 'rejected' | null>;
  review_reason: ColumnType<string | null, never, string | null>;
  reviewed_by: ColumnType<string | null, never, string | null>;
  reviewed_at: ColumnType<Date | null, never, Date | null>;
  hidden_at: ColumnType<Date | null, never, Date>;
  hidden_by: ColumnType<string | null, never, string>;
  purged_at: ColumnType<Date | null, never, Date>;
  purged_by: ColumnType<string | null, never, string>;
  purge_reason: ColumnType<string | null, never, string>;
  reused_from_document_id: ColumnType<string | null, string | null | undefined, never>;
  reused_from_version: ColumnType<number | null, number | null | undefined, never>;
}

export interface DocumentTables {
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
}

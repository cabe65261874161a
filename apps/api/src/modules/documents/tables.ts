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
}

export interface DocumentTables {
  documents: DocumentsTable;
  document_versions: DocumentVersionsTable;
}

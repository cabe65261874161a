import type { ColumnType, Generated } from 'kysely';

export interface EngagementTemplatesTable {
  id: Generated<string>;
  kind: 'mission' | 'mandate';
  version: number;
  title: string;
  body: string;
  created_by: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface EngagementDocumentsTable {
  id: Generated<string>;
  dossier_id: string;
  expert_id: string;
  kind: 'mission' | 'mandate';
  template_id: string;
  template_version: number;
  title: string;
  body: string;
  pdf: Buffer;
  sha256: string;
  status: Generated<'pending' | 'signed' | 'revoked'>;
  created_at: ColumnType<Date, never, never>;
  signed_at: Date | null;
  signer_user_id: string | null;
  signer_name: string | null;
  signer_capacity: string | null;
  consent_text: string | null;
  signer_ip: string | null;
  signer_user_agent: string | null;
  signed_pdf: Buffer | null;
  signed_sha256: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  revocation_reason: string | null;
}

export interface EngagementTables {
  engagement_templates: EngagementTemplatesTable;
  engagement_documents: EngagementDocumentsTable;
}

import type { ColumnType, Generated } from 'kysely';

export interface DossiersTable {
  id: Generated<string>;
  client_id: string;
  product_code: string;
  track: 'full' | 'short';
  status: Generated<string>;
  progress: Generated<number | null>;
  estimated_amount_cents: number | null;
  estimate_explanation: string;
  simulation_id: string | null;
  no_longer_eligible: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface DossierEstimatesTable {
  id: Generated<number>;
  dossier_id: string;
  simulation_id: string | null;
  amount_cents: number | null;
  explanation: string;
  created_at: ColumnType<Date, never, never>;
}

export interface ExpertAssignmentsTable {
  id: Generated<string>;
  dossier_id: string;
  expert_id: string;
  status: Generated<'proposed' | 'accepted' | 'declined' | 'expired' | 'ended'>;
  proposed_by: string | null;
  proposed_at: ColumnType<Date, never, never>;
  expires_at: Date;
  responded_at: Date | null;
  reason: string | null;
}

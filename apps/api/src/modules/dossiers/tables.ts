import type { DossierStatus, Track } from '@ft/contracts';
import type { ColumnType, Generated } from 'kysely';

export interface DossiersTable {
  id: Generated<string>;
  client_id: string;
  product_code: string;
  track: Track;
  status: Generated<DossierStatus>;
  progress: Generated<number | null>;
  estimated_amount_cents: number | null;
  estimate_explanation: string;
  /** What the estimate covers and by when the claim is due (simulator v2; null before). */
  amount_period: ColumnType<
    'annual' | 'oneOff' | null,
    'annual' | 'oneOff' | null | undefined,
    'annual' | 'oneOff' | null
  >;
  claim_by: ColumnType<string | null, string | null | undefined, string | null>;
  claim_by_text: ColumnType<string | null, string | null | undefined, string | null>;
  simulation_id: string | null;
  no_longer_eligible: Generated<boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
  expert_id: Generated<string | null>;
  status_changed_at: Generated<Date>;
  proposed_fee_rate_bps: Generated<number | null>;
  client_fee_rate_bps: Generated<number | null>;
  platform_fee_rate_bps: Generated<number | null>;
  final_amount_cents: Generated<number | null>;
  audit_report: Generated<string | null>;
  audit_revision: Generated<number>;
  claim_authority: Generated<string | null>;
  claim_reference: Generated<string | null>;
  claim_filed_on: Generated<string | null>;
  decision: Generated<'accepted' | 'partial' | 'refused' | null>;
  granted_amount_cents: Generated<number | null>;
  decided_on: Generated<string | null>;
  decision_reason: Generated<string | null>;
  quote_amount_cents: Generated<number | null>;
  quote_description: Generated<string | null>;
  quote_valid_until: Generated<string | null>;
  closing_reason: Generated<string | null>;
  completed_at: Generated<Date | null>;
}

export interface DossierEstimatesTable {
  id: Generated<number>;
  dossier_id: string;
  simulation_id: string | null;
  amount_cents: number | null;
  explanation: string;
  amount_period?: string | null;
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
  /** The dossier's created_at, copied by a trigger (0050, now 0086's) for the expert's list order. */
  dossier_created_at: ColumnType<Date, never, never>;
  /** The dossier's client, copied by the same trigger (0086) for the expert's policies. */
  client_id: ColumnType<string, never, never>;
}

export interface DossierItemsTable {
  id: Generated<string>;
  dossier_id: string;
  code: string;
  label: string;
  required: boolean;
  source: 'checklist' | 'expert';
  status: Generated<'requested' | 'uploaded' | 'approved' | 'rejected'>;
  reason: string | null;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, never, Date>;
}

export interface DossierEventsTable {
  id: Generated<number>;
  dossier_id: string;
  actor_id: string | null;
  action: string;
  from_status: DossierStatus | null;
  to_status: DossierStatus | null;
  details: ColumnType<Record<string, unknown>, string, never>;
  created_at: ColumnType<Date, never, never>;
}

export interface ExpertRatingsTable {
  dossier_id: string;
  expert_id: string;
  client_id: string;
  score: number;
  comment: string | null;
  created_at: ColumnType<Date, never, never>;
}

export interface DossierTables {
  expert_ratings: ExpertRatingsTable;
  dossiers: DossiersTable;
  dossier_estimates: DossierEstimatesTable;
  expert_assignments: ExpertAssignmentsTable;
  dossier_items: DossierItemsTable;
  dossier_events: DossierEventsTable;
}

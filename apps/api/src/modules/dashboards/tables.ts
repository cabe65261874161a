import type { ColumnType } from 'kysely';

/** Claim-deadline reminders already sent: one per dossier, deadline and threshold (60 / 14 days). */
export interface DossierDeadlineNoticesTable {
  dossier_id: string;
  claim_by: string;
  days_before: number;
  sent_at: ColumnType<Date, never, never>;
}

/**
 * The dossier statuses, kept free of zod (like product-codes.ts) so the web app can import the
 * lists without pulling the validation library into its bundle.
 */

/** Every status of a dossier, both tracks together (spec/dossier-workflow.md). */
export const DOSSIER_STATUSES = [
  'eligible',
  'pending_admin_review',
  'admin_rejected',
  'admin_validated',
  'expert_proposed',
  'expert_assigned',
  'documents_requested',
  'documents_submitted',
  'audit_in_progress',
  'audit_completed',
  'client_approved',
  'claim_filed',
  'claim_refused',
  'claim_accepted',
  'quote_sent',
  'quote_accepted',
  'invoiced',
  'completed',
  'cancelled',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/** The statuses a dossier never leaves: written once, here. */
export const FINAL_STATUSES = [
  'admin_rejected',
  'claim_refused',
  'completed',
  'cancelled',
] as const satisfies readonly DossierStatus[];
export type FinalStatus = (typeof FINAL_STATUSES)[number];

/** The final statuses a dossier ends in without success: every final one but `completed`. */
export type FailedStatus = Exclude<FinalStatus, 'completed'>;
export const FAILED_STATUSES: readonly FailedStatus[] = FINAL_STATUSES.filter(
  (status): status is FailedStatus => status !== 'completed',
);

export const isFinalStatus = (status: string): status is FinalStatus =>
  (FINAL_STATUSES as readonly string[]).includes(status);

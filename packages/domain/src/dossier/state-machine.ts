/**
 * The dossier state machine of `spec/dossier-workflow.md`: which action moves a dossier from which
 * status to which, who may take it, and the progress shown at each step. The server enforces it;
 * nobody sets a status directly.
 */

import {
  DOSSIER_ACTIONS,
  DOSSIER_STATUSES,
  type DossierAction,
  type DossierStatus,
  FINAL_STATUSES,
  type Track,
} from '@ft/contracts';

// The lists live in packages/contracts (the API's and the SPA's types); re-exported for the domain's users.
export const dossierStatuses = DOSSIER_STATUSES;
export const dossierActions = DOSSIER_ACTIONS;
export type { DossierAction, DossierStatus, Track };
export { FINAL_STATUSES };
export type DossierRole = 'client' | 'expert' | 'admin' | 'system';

type Transition = { action: DossierAction; from: DossierStatus[]; to: DossierStatus; by: DossierRole[] };

const FULL_TRACK: Transition[] = [
  { action: 'submit-for-review', from: ['eligible'], to: 'pending_admin_review', by: ['client'] },
  { action: 'validate-eligibility', from: ['pending_admin_review'], to: 'admin_validated', by: ['admin'] },
  { action: 'reject-eligibility', from: ['pending_admin_review'], to: 'admin_rejected', by: ['admin'] },
  { action: 'propose-expert', from: ['admin_validated'], to: 'expert_proposed', by: ['client', 'admin'] },
  { action: 'accept-assignment', from: ['expert_proposed'], to: 'expert_assigned', by: ['expert'] },
  { action: 'decline-assignment', from: ['expert_proposed'], to: 'admin_validated', by: ['expert'] },
  { action: 'expire-proposal', from: ['expert_proposed'], to: 'admin_validated', by: ['system'] },
  // From documents_submitted: the expert rejected one or more documents and asks again.
  {
    action: 'request-documents',
    from: ['expert_assigned', 'documents_submitted'],
    to: 'documents_requested',
    by: ['expert'],
  },
  { action: 'submit-documents', from: ['documents_requested'], to: 'documents_submitted', by: ['client'] },
  {
    action: 'start-audit',
    from: ['expert_assigned', 'documents_submitted'],
    to: 'audit_in_progress',
    by: ['expert'],
  },
  { action: 'complete-audit', from: ['audit_in_progress'], to: 'audit_completed', by: ['expert'] },
  { action: 'approve-audit', from: ['audit_completed'], to: 'client_approved', by: ['client'] },
  { action: 'reject-audit', from: ['audit_completed'], to: 'audit_in_progress', by: ['client'] },
  { action: 'file-claim', from: ['client_approved'], to: 'claim_filed', by: ['expert'] },
  // record-decision leads to claim_accepted or claim_refused depending on the decision: see resolveTarget.
  { action: 'record-decision', from: ['claim_filed'], to: 'claim_accepted', by: ['expert'] },
  { action: 'confirm-refund', from: ['claim_accepted'], to: 'invoiced', by: ['expert'] },
  { action: 'confirm-payment', from: ['invoiced'], to: 'completed', by: ['client', 'admin'] },
];

const SHORT_TRACK: Transition[] = [
  { action: 'propose-expert', from: ['eligible'], to: 'expert_proposed', by: ['client', 'admin'] },
  { action: 'accept-assignment', from: ['expert_proposed'], to: 'expert_assigned', by: ['expert'] },
  { action: 'decline-assignment', from: ['expert_proposed'], to: 'eligible', by: ['expert'] },
  { action: 'expire-proposal', from: ['expert_proposed'], to: 'eligible', by: ['system'] },
  { action: 'send-quote', from: ['expert_assigned'], to: 'quote_sent', by: ['expert'] },
  { action: 'accept-quote', from: ['quote_sent'], to: 'quote_accepted', by: ['client'] },
  { action: 'decline-quote', from: ['quote_sent'], to: 'expert_assigned', by: ['client'] },
  { action: 'issue-invoice', from: ['quote_accepted'], to: 'invoiced', by: ['expert'] },
  { action: 'confirm-payment', from: ['invoiced'], to: 'completed', by: ['client', 'admin'] },
];

// A client may withdraw until it has accepted the audit (full track) or the quote (short track).
const CLIENT_CANCELLABLE: Record<Track, DossierStatus[]> = {
  full: [
    'eligible',
    'pending_admin_review',
    'admin_validated',
    'expert_proposed',
    'expert_assigned',
    'documents_requested',
    'documents_submitted',
    'audit_in_progress',
    'audit_completed',
  ],
  short: ['eligible', 'expert_proposed', 'expert_assigned', 'quote_sent'],
};

const PROGRESS: Partial<Record<DossierStatus, number>> = {
  eligible: 0,
  pending_admin_review: 10,
  admin_validated: 20,
  expert_proposed: 30,
  expert_assigned: 40,
  documents_requested: 45,
  documents_submitted: 50,
  audit_in_progress: 60,
  audit_completed: 70,
  client_approved: 75,
  claim_filed: 80,
  claim_accepted: 90,
  quote_sent: 60,
  quote_accepted: 80,
  invoiced: 95,
  completed: 100,
};

const transitionsOf = (track: Track) => (track === 'full' ? FULL_TRACK : SHORT_TRACK);

/** The statuses a dossier of this track can be in: what an admin may force it to. */
export function statusesOfTrack(track: Track): DossierStatus[] {
  const reachable = new Set<DossierStatus>(['eligible', 'cancelled']);
  for (const transition of transitionsOf(track)) {
    reachable.add(transition.to);
    for (const from of transition.from) reachable.add(from);
  }
  if (track === 'full') reachable.add('claim_refused');
  return dossierStatuses.filter((status) => reachable.has(status));
}

/** Progress in percent for a status; null for final states that are not success (rejected, cancelled). */
export function progressOf(status: DossierStatus, previousProgress = 0): number | null {
  if (status === 'admin_rejected' || status === 'claim_refused' || status === 'cancelled') return null;
  return PROGRESS[status] ?? previousProgress;
}

const finalStatuses: ReadonlySet<DossierStatus> = new Set(FINAL_STATUSES);
export const isFinal = (status: DossierStatus) => finalStatuses.has(status);

export type TransitionCheck =
  | { ok: true; to: DossierStatus }
  | { ok: false; reason: 'not_permitted' | 'invalid_transition' };

/**
 * Whether `role` may take `action` on a dossier in `status`. `not_permitted`: this role never takes
 * that action on this track; `invalid_transition`: it may, but not from the current status.
 */
export function checkTransition(
  track: Track,
  status: DossierStatus,
  action: DossierAction,
  role: DossierRole,
  options: { decision?: 'accepted' | 'partial' | 'refused' } = {},
): TransitionCheck {
  if (action === 'cancel') {
    if (role === 'admin' || role === 'system') {
      return isFinal(status) ? { ok: false, reason: 'invalid_transition' } : { ok: true, to: 'cancelled' };
    }
    if (role !== 'client') return { ok: false, reason: 'not_permitted' };
    return CLIENT_CANCELLABLE[track].includes(status)
      ? { ok: true, to: 'cancelled' }
      : { ok: false, reason: 'invalid_transition' };
  }
  const candidates = transitionsOf(track).filter((transition) => transition.action === action);
  if (!candidates.some((transition) => transition.by.includes(role)))
    return { ok: false, reason: 'not_permitted' };
  const match = candidates.find(
    (transition) => transition.by.includes(role) && transition.from.includes(status),
  );
  if (!match) return { ok: false, reason: 'invalid_transition' };
  if (action === 'record-decision' && options.decision === 'refused')
    return { ok: true, to: 'claim_refused' };
  return { ok: true, to: match.to };
}

/** The actions `role` may take now: what the UI offers (preconditions aside). */
export function allowedActions(track: Track, status: DossierStatus, role: DossierRole): DossierAction[] {
  return dossierActions.filter(
    (action) => action !== 'expire-proposal' && checkTransition(track, status, action, role).ok,
  );
}

/** Whether an admin may force a dossier of this track into `to` (a status the track knows, not the current one). */
export function canForce(track: Track, from: DossierStatus, to: DossierStatus): boolean {
  return from !== to && statusesOfTrack(track).includes(to);
}

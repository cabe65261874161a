import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  canForce,
  checkTransition,
  type DossierAction,
  type DossierRole,
  type DossierStatus,
  dossierActions,
  dossierStatuses,
  progressOf,
  statusesOfTrack,
  type Track,
} from './state-machine';

type Row = [DossierStatus, DossierAction, DossierRole, DossierStatus];

// Every transition the spec allows, and nothing else.
const FULL: Row[] = [
  ['eligible', 'submit-for-review', 'client', 'pending_admin_review'],
  ['pending_admin_review', 'validate-eligibility', 'admin', 'admin_validated'],
  ['pending_admin_review', 'reject-eligibility', 'admin', 'admin_rejected'],
  ['admin_validated', 'propose-expert', 'client', 'expert_proposed'],
  ['admin_validated', 'propose-expert', 'admin', 'expert_proposed'],
  ['expert_proposed', 'accept-assignment', 'expert', 'expert_assigned'],
  ['expert_proposed', 'decline-assignment', 'expert', 'admin_validated'],
  ['expert_proposed', 'expire-proposal', 'system', 'admin_validated'],
  ['expert_assigned', 'request-documents', 'expert', 'documents_requested'],
  ['documents_submitted', 'request-documents', 'expert', 'documents_requested'],
  ['documents_requested', 'submit-documents', 'client', 'documents_submitted'],
  ['expert_assigned', 'start-audit', 'expert', 'audit_in_progress'],
  ['documents_submitted', 'start-audit', 'expert', 'audit_in_progress'],
  ['audit_in_progress', 'complete-audit', 'expert', 'audit_completed'],
  ['audit_completed', 'approve-audit', 'client', 'client_approved'],
  ['audit_completed', 'reject-audit', 'client', 'audit_in_progress'],
  ['client_approved', 'file-claim', 'expert', 'claim_filed'],
  ['claim_filed', 'record-decision', 'expert', 'claim_accepted'],
  ['claim_accepted', 'confirm-refund', 'expert', 'invoiced'],
  ['invoiced', 'confirm-payment', 'client', 'completed'],
  ['invoiced', 'confirm-payment', 'admin', 'completed'],
];
const SHORT: Row[] = [
  ['eligible', 'propose-expert', 'client', 'expert_proposed'],
  ['eligible', 'propose-expert', 'admin', 'expert_proposed'],
  ['expert_proposed', 'accept-assignment', 'expert', 'expert_assigned'],
  ['expert_proposed', 'decline-assignment', 'expert', 'eligible'],
  ['expert_proposed', 'expire-proposal', 'system', 'eligible'],
  ['expert_assigned', 'send-quote', 'expert', 'quote_sent'],
  ['quote_sent', 'accept-quote', 'client', 'quote_accepted'],
  ['quote_sent', 'decline-quote', 'client', 'expert_assigned'],
  ['quote_accepted', 'issue-invoice', 'expert', 'invoiced'],
  ['invoiced', 'confirm-payment', 'client', 'completed'],
  ['invoiced', 'confirm-payment', 'admin', 'completed'],
];
const CLIENT_CANCEL: Record<Track, DossierStatus[]> = {
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
const FINAL: DossierStatus[] = ['admin_rejected', 'claim_refused', 'completed', 'cancelled'];
const roles: DossierRole[] = ['client', 'expert', 'admin', 'system'];

function expected(
  track: Track,
  status: DossierStatus,
  action: DossierAction,
  role: DossierRole,
): DossierStatus | null {
  if (action === 'cancel') {
    if (FINAL.includes(status)) return null;
    if (role === 'admin' || role === 'system') return 'cancelled';
    return role === 'client' && CLIENT_CANCEL[track].includes(status) ? 'cancelled' : null;
  }
  const row = (track === 'full' ? FULL : SHORT).find(
    ([from, a, r]) => from === status && a === action && r === role,
  );
  return row ? row[3] : null;
}

describe.each(['full', 'short'] as const)('%s track', (track) => {
  it('allows exactly the transitions of the spec, for exactly their actors', () => {
    for (const status of dossierStatuses) {
      for (const action of dossierActions) {
        for (const role of roles) {
          const want = expected(track, status, action, role);
          const got = checkTransition(track, status, action, role);
          expect(got.ok ? got.to : null, `${track}: ${role} ${action} from ${status}`).toBe(want);
        }
      }
    }
  });

  it('distinguishes a forbidden actor (not_permitted) from a wrong moment (invalid_transition)', () => {
    expect(checkTransition(track, 'invoiced', 'accept-assignment', 'client')).toEqual({
      ok: false,
      reason: 'not_permitted',
    });
    expect(checkTransition(track, 'invoiced', 'accept-assignment', 'expert')).toEqual({
      ok: false,
      reason: 'invalid_transition',
    });
  });

  it('never leaves a final state except by admin force', () => {
    for (const status of FINAL) {
      for (const role of roles) expect(allowedActions(track, status, role)).toEqual([]);
    }
  });
});

describe('decisions, progress and forcing', () => {
  it('records a refusal as claim_refused and an accepted or partial decision as claim_accepted', () => {
    expect(
      checkTransition('full', 'claim_filed', 'record-decision', 'expert', { decision: 'refused' }),
    ).toEqual({ ok: true, to: 'claim_refused' });
    expect(
      checkTransition('full', 'claim_filed', 'record-decision', 'expert', { decision: 'partial' }),
    ).toEqual({ ok: true, to: 'claim_accepted' });
  });

  it('shows the progress of the spec', () => {
    expect(progressOf('eligible')).toBe(0);
    expect(progressOf('documents_requested')).toBe(45);
    expect(progressOf('client_approved')).toBe(75);
    expect(progressOf('completed')).toBe(100);
    expect(progressOf('cancelled')).toBeNull();
  });

  it('offers the client the actions it may take now', () => {
    expect(allowedActions('full', 'audit_completed', 'client').sort()).toEqual([
      'approve-audit',
      'cancel',
      'reject-audit',
    ]);
    expect(allowedActions('short', 'eligible', 'expert')).toEqual([]);
  });

  it('lets an admin force only into a status of the same track', () => {
    expect(canForce('full', 'claim_refused', 'claim_filed')).toBe(true);
    expect(canForce('short', 'eligible', 'audit_in_progress')).toBe(false);
    expect(canForce('full', 'eligible', 'eligible')).toBe(false);
    expect(statusesOfTrack('short')).not.toContain('pending_admin_review');
  });
});

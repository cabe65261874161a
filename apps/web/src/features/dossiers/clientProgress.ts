import type { DossierDetail } from '@ft/contracts';
import { isFinalStatus } from '@ft/contracts/dossier-statuses';

/**
 * A client follows its dossier in a few steps of its own, not the fourteen statuses the team
 * works with: each step groups the statuses during which the same thing is happening for it.
 */
const PHASES: Record<'full' | 'short', { key: string; statuses: string[] }[]> = {
  full: [
    { key: 'eligibility', statuses: ['eligible', 'pending_admin_review'] },
    { key: 'expert', statuses: ['admin_validated', 'expert_proposed'] },
    {
      key: 'audit',
      statuses: [
        'expert_assigned',
        'documents_requested',
        'documents_submitted',
        'audit_in_progress',
        'audit_completed',
      ],
    },
    { key: 'claim', statuses: ['client_approved', 'claim_filed', 'claim_accepted'] },
    { key: 'invoice', statuses: ['invoiced'] },
    { key: 'done', statuses: ['completed'] },
  ],
  short: [
    { key: 'expert', statuses: ['eligible', 'expert_proposed'] },
    { key: 'quote', statuses: ['expert_assigned', 'quote_sent', 'quote_accepted'] },
    { key: 'invoice', statuses: ['invoiced'] },
    { key: 'done', statuses: ['completed'] },
  ],
};

/** The client's steps of a track, and the index of the current one (-1 once closed early). */
export function clientPhases(track: string, status: string) {
  const phases = PHASES[track === 'short' ? 'short' : 'full'];
  return {
    phases: phases.map((phase) => phase.key),
    current: phases.findIndex((p) => p.statuses.includes(status)),
  };
}

/** What the client should do next at each status (or that there is nothing to do): a key of `dashboard.next`. */
export function nextStepKey(status: string, track: string): string {
  if (status === 'eligible') return track === 'full' ? 'uploadAndSubmit' : 'pickExpert';
  const keys: Record<string, string> = {
    admin_validated: 'pickExpert',
    documents_requested: 'uploadRequested',
    audit_completed: 'reviewAudit',
    quote_sent: 'answerQuote',
    invoiced: 'payInvoice',
  };
  return keys[status] ?? (isFinalStatus(status) ? 'none' : 'wait');
}

/**
 * Why an allowed action cannot succeed yet, judged from what the page already holds — the same
 * preconditions the server checks, so the button is disabled with its reason instead of offered
 * and then refused inside its dialog. Null when nothing blocks it.
 */
export function blockedReason(
  action: string,
  dossier: Pick<DossierDetail, 'items' | 'status'>,
): { key: string; items: string } | null {
  const missing = (source: 'checklist' | 'expert', accepted: string[]) =>
    dossier.items
      .filter((item) => item.source === source && item.required && !accepted.includes(item.status))
      .map((item) => item.label);
  const check = (key: string, labels: string[]) =>
    labels.length > 0 ? { key, items: labels.join(', ') } : null;
  if (action === 'submit-for-review')
    return check('missingChecklist', missing('checklist', ['uploaded', 'approved']));
  if (action === 'submit-documents')
    return check('missingRequested', missing('expert', ['uploaded', 'approved']));
  if (action === 'start-audit' && dossier.status === 'documents_submitted')
    return check('unreviewed', missing('expert', ['approved']));
  return null;
}

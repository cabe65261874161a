import { describe, expect, it } from 'vitest';
import { blockedReason, clientPhases, nextStepKey } from './clientProgress';

const item = (
  label: string,
  status: string,
  source: 'checklist' | 'expert' = 'checklist',
  required = true,
) => ({
  id: label,
  code: label,
  label,
  required,
  source,
  status: status as 'requested',
  reason: null,
  documentId: null,
});

describe('the client progress', () => {
  it('shows a client six steps of its own on the full track and four on the short one', () => {
    expect(clientPhases('full', 'documents_submitted')).toEqual({
      phases: ['eligibility', 'expert', 'audit', 'claim', 'invoice', 'done'],
      current: 2,
    });
    expect(clientPhases('short', 'quote_sent')).toEqual({
      phases: ['expert', 'quote', 'invoice', 'done'],
      current: 1,
    });
    expect(clientPhases('full', 'cancelled').current).toBe(-1);
  });

  it('says what to do next, or that there is nothing to do', () => {
    expect(nextStepKey('eligible', 'full')).toBe('uploadAndSubmit');
    expect(nextStepKey('invoiced', 'short')).toBe('payInvoice');
    expect(nextStepKey('audit_in_progress', 'full')).toBe('wait');
    expect(nextStepKey('cancelled', 'full')).toBe('none');
  });

  it('blocks sending for review while a required document is missing, naming it', () => {
    const items = [
      item('Kbis', 'uploaded'),
      item('RIB', 'requested'),
      item('Bilan', 'requested', 'checklist', false),
    ];
    expect(blockedReason('submit-for-review', { status: 'eligible', items })).toEqual({
      key: 'missingChecklist',
      items: 'RIB',
    });
    expect(
      blockedReason('submit-for-review', { status: 'eligible', items: [item('RIB', 'approved')] }),
    ).toBeNull();
    expect(blockedReason('cancel', { status: 'eligible', items })).toBeNull();
  });

  it('blocks the audit until the expert has approved every document it asked for', () => {
    const items = [item('Factures', 'uploaded', 'expert')];
    expect(blockedReason('start-audit', { status: 'documents_submitted', items })?.key).toBe('unreviewed');
    expect(blockedReason('start-audit', { status: 'expert_assigned', items })).toBeNull();
    expect(blockedReason('submit-documents', { status: 'documents_requested', items })).toBeNull();
  });
});

/** The fields each workflow action asks for; actions not listed only need a confirmation. */
export type ActionField =
  | { name: string; kind: 'text' | 'textarea' | 'date'; required: boolean }
  | { name: string; kind: 'euros'; required: boolean }
  | { name: string; kind: 'percent'; required: boolean }
  | { name: string; kind: 'lines'; required: boolean }
  | { name: string; kind: 'decision'; required: boolean };

const reason: ActionField[] = [{ name: 'reason', kind: 'textarea', required: true }];

export const ACTION_FIELDS: Record<string, ActionField[]> = {
  'reject-eligibility': reason,
  'decline-assignment': reason,
  'reject-audit': reason,
  'decline-quote': reason,
  cancel: reason,
  'request-documents': [{ name: 'items', kind: 'lines', required: true }],
  'complete-audit': [
    { name: 'finalAmountCents', kind: 'euros', required: true },
    { name: 'report', kind: 'textarea', required: true },
    { name: 'clientFeeRateBps', kind: 'percent', required: false },
  ],
  'file-claim': [
    { name: 'authority', kind: 'text', required: true },
    { name: 'reference', kind: 'text', required: true },
    { name: 'filedOn', kind: 'date', required: true },
  ],
  'record-decision': [
    { name: 'decision', kind: 'decision', required: true },
    { name: 'grantedAmountCents', kind: 'euros', required: true },
    { name: 'decidedOn', kind: 'date', required: true },
    { name: 'reason', kind: 'textarea', required: false },
  ],
  'send-quote': [
    { name: 'amountCents', kind: 'euros', required: true },
    { name: 'description', kind: 'textarea', required: true },
    { name: 'validUntil', kind: 'date', required: true },
  ],
};

const toCents = (text: string) =>
  Math.round(Number(text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.')) * 100);

/** Turns the form's strings into the action's JSON body (euros → cents, % → basis points, lines → items). */
export function bodyFor(action: string, values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of ACTION_FIELDS[action] ?? []) {
    const raw = values[field.name]?.trim() ?? '';
    if (!raw && !field.required) continue;
    if (field.kind === 'euros') body[field.name] = toCents(raw);
    else if (field.kind === 'percent') body[field.name] = Math.round(Number(raw.replace(',', '.')) * 100);
    else if (field.kind === 'lines') {
      body[field.name] = raw
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((label) => ({ label, required: true }));
    } else body[field.name] = raw;
  }
  return body;
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Checkbox, TextField } from '../../components/ui';

export type ChecklistItem = { code: string; label: string; required: boolean };

/** Edits a product's document checklist: rename, mark required, remove, add. */
export function ChecklistEditor({
  items,
  onChange,
  error,
}: {
  items: ChecklistItem[];
  onChange: (items: ChecklistItem[]) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const update = (index: number, change: Partial<ChecklistItem>) =>
    onChange(items.map((item, i) => (i === index ? { ...item, ...change } : item)));
  const add = () => {
    const label = draft.trim();
    if (label.length < 2) return;
    const code = label
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '_')
      .replace(/^_|_$/g, '')
      .slice(0, 40);
    onChange([
      ...items,
      { code: code.length >= 2 ? code : `ITEM_${items.length + 1}`, label, required: true },
    ]);
    setDraft('');
  };
  return (
    <fieldset className="field">
      <legend className="field-label">{t('admin.checklist')}</legend>
      <ul className="stack plain-list">
        {items.map((item, index) => (
          <li key={item.code} className="row checklist-row">
            <TextField
              label={t('admin.checklistLabel')}
              value={item.label}
              onChange={(event) => update(index, { label: event.target.value })}
            />
            <Checkbox
              label={t('admin.checklistRequired')}
              checked={item.required}
              onChange={(event) => update(index, { required: event.target.checked })}
            />
            <Button
              size="sm"
              variant="ghost"
              onClick={() => onChange(items.filter((_, i) => i !== index))}
              aria-label={t('admin.checklistRemove', { label: item.label })}
            >
              ×
            </Button>
          </li>
        ))}
      </ul>
      <div className="row">
        <TextField
          label={t('admin.checklistNew')}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <Button size="sm" variant="secondary" onClick={add}>
          {t('admin.checklistAdd')}
        </Button>
      </div>
      {error && <span className="field-error">{error}</span>}
    </fieldset>
  );
}

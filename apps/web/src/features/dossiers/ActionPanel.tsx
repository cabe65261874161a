import type { DossierDetail } from '@ft/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Card,
  Dialog,
  SelectField,
  TextAreaField,
  TextField,
  useToast,
} from '../../components/ui';
import { ApiError, api } from '../../lib/api';
import { useErrorMessage } from '../../lib/errors';
import { ACTION_FIELDS, type ActionField, bodyFor } from './actionForms';
import { ExpertPicker } from './ExpertPicker';
import { FeeSummary } from './FeeSummary';

const DANGER = new Set([
  'cancel',
  'reject-eligibility',
  'decline-assignment',
  'reject-audit',
  'decline-quote',
]);

function Field({ field, error }: { field: ActionField; error: string | undefined }) {
  const { t } = useTranslation();
  const label = t(`dossier.fields.${field.name}`);
  const common = { label, name: field.name, required: field.required, error };
  if (field.kind === 'textarea' || field.kind === 'lines') {
    return (
      <TextAreaField {...common} hint={field.kind === 'lines' ? t('dossier.oneItemPerLine') : undefined} />
    );
  }
  if (field.kind === 'decision') {
    return (
      <SelectField
        {...common}
        options={['accepted', 'partial', 'refused'].map((value) => ({
          value,
          label: t(`dossier.decisions.${value}`),
        }))}
      />
    );
  }
  if (field.kind === 'date') return <TextField {...common} type="date" />;
  return (
    <TextField
      {...common}
      inputMode="decimal"
      hint={field.kind === 'euros' ? '€' : field.kind === 'percent' ? '%' : undefined}
    />
  );
}

/** Exactly the actions the viewer may take now, each confirmed and with its required fields. */
export function ActionPanel({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: ({ action, body }: { action: string; body: Record<string, unknown> }) =>
      api.post<DossierDetail>(`/api/dossiers/${dossier.id}/${action}`, body),
    onSuccess: (updated) => {
      queryClient.setQueryData(['dossier', dossier.id], updated);
      void queryClient.invalidateQueries({ queryKey: ['dossier', dossier.id, 'timeline'] });
      void queryClient.invalidateQueries({ queryKey: ['dossiers'] });
      notify(t('dossier.done'), 'success');
      setOpen(null);
    },
  });
  const fieldErrors = run.error instanceof ApiError ? run.error.byField : {};
  const actions = dossier.allowedActions;
  if (actions.length === 0) return null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!open) return;
    const values = Object.fromEntries(
      [...new FormData(event.currentTarget).entries()].map(([key, value]) => [key, String(value)]),
    );
    run.mutate({ action: open, body: bodyFor(open, values) });
  };
  const close = () => {
    setOpen(null);
    run.reset();
  };

  return (
    <Card title={t('dossier.actionsTitle')}>
      <div className="row">
        {actions.map((action) => (
          <Button
            key={action}
            variant={DANGER.has(action) ? 'danger' : 'primary'}
            onClick={() => setOpen(action)}
          >
            {t(`dossier.actions.${action}`)}
          </Button>
        ))}
      </div>
      {open === 'propose-expert' && (
        <Dialog open title={t('dossier.actions.propose-expert')} onClose={close}>
          {run.error && <Alert tone="danger">{errorMessage(run.error)}</Alert>}
          <ExpertPicker
            dossierId={dossier.id}
            pending={run.isPending}
            onPick={(expertId) => run.mutate({ action: 'propose-expert', body: { expertId } })}
          />
          <div className="dialog-actions">
            <Button variant="secondary" onClick={close}>
              {t('common.cancel')}
            </Button>
          </div>
        </Dialog>
      )}
      {open && open !== 'propose-expert' && (
        <Dialog open title={t(`dossier.actions.${open}`)} onClose={close}>
          <form className="stack" onSubmit={onSubmit} noValidate>
            <p>{t(`dossier.confirm.${open}`, { defaultValue: t('dossier.confirmDefault') })}</p>
            {(open === 'approve-audit' || open === 'accept-quote') && dossier.fees && (
              <FeeSummary fees={dossier.fees} expertName={dossier.assignment?.firmName ?? ''} />
            )}
            {run.error && Object.keys(fieldErrors).length === 0 && (
              <Alert tone="danger">{errorMessage(run.error)}</Alert>
            )}
            {(ACTION_FIELDS[open] ?? []).map((field) => (
              <Field
                key={field.name}
                field={field}
                error={fieldErrors[field.name] ?? fieldErrors[`${field.name}.0.label`]}
              />
            ))}
            <div className="dialog-actions">
              <Button variant="secondary" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" variant={DANGER.has(open) ? 'danger' : 'primary'} loading={run.isPending}>
                {t(`dossier.actions.${open}`)}
              </Button>
            </div>
          </form>
        </Dialog>
      )}
    </Card>
  );
}

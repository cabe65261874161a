import type { DossierDetail } from '@ft/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
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
import { ApiError } from '../../lib/api';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { ACTION_FIELDS, type ActionField, bodyFor } from './actionForms';
import { blockedReason } from './clientProgress';
import { ExpertPicker } from './ExpertPicker';
import { FeeSummary } from './FeeSummary';
import { dossierKeys } from './queries';

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

/** An action's button; when its preconditions are not met it stays visible, disabled, with the reason. */
function ActionButton({
  action,
  dossier,
  onOpen,
}: {
  action: string;
  dossier: DossierDetail;
  onOpen: (action: string) => void;
}) {
  const { t } = useTranslation();
  const reasonId = useId();
  const blocked = blockedReason(action, dossier);
  const danger = DANGER.has(action);
  return (
    <div className={danger ? 'action action-secondary' : 'action'}>
      <Button
        variant={danger ? 'ghost' : 'primary'}
        className={danger ? 'btn-quiet-danger' : undefined}
        disabled={blocked !== null}
        aria-describedby={blocked ? reasonId : undefined}
        onClick={() => onOpen(action)}
      >
        {t(`dossier.actions.${action}`)}
      </Button>
      {blocked && (
        <span id={reasonId} className="field-hint action-reason">
          {t(`dossier.blocked.${blocked.key}`, { items: blocked.items })}
        </span>
      )}
    </div>
  );
}

/**
 * Exactly the actions the viewer may take now, each confirmed in a dialog that names it and its
 * consequence. The main actions come first; closing actions (cancel, decline, reject) follow,
 * quieter, so they are never mistaken for the next step.
 */
export function ActionPanel({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState<string | null>(null);
  const run = useMutation({
    mutationKey: dossierKeys.action(dossier.id),
    mutationFn: ({ action, body }: { action: string; body: Record<string, unknown> }) =>
      apiRequest('POST /api/dossiers/:id/:action', { params: { id: dossier.id, action }, body }),
    onSuccess: (updated) => {
      // No body (204): the action took the dossier away from the viewer (an expert declining).
      if (!updated) {
        queryClient.removeQueries({ queryKey: dossierKeys.detail(dossier.id) });
        void queryClient.invalidateQueries({ queryKey: dossierKeys.lists });
        notify(t('dossier.done'), 'success');
        navigate('/espace');
        return;
      }
      queryClient.setQueryData(dossierKeys.detail(dossier.id), updated);
      void queryClient.invalidateQueries({ queryKey: dossierKeys.timeline(dossier.id) });
      void queryClient.invalidateQueries({ queryKey: dossierKeys.lists });
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
      <div className="actions">
        {[...actions.filter((a) => !DANGER.has(a)), ...actions.filter((a) => DANGER.has(a))].map((action) => (
          <ActionButton key={action} action={action} dossier={dossier} onOpen={setOpen} />
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
        <Dialog open title={t(`dossier.confirmTitle.${open}`)} onClose={close}>
          <form className="stack" onSubmit={onSubmit} noValidate>
            <p>{t(`dossier.confirm.${open}`)}</p>
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

import type { AddParameterPeriodBody, ParameterView } from '@ft/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Alert,
  Button,
  Dialog,
  ErrorState,
  LoadingState,
  Table,
  TextField,
  useToast,
} from '../../components/ui';
import { ApiError } from '../../lib/api';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';

const PARAMETERS_KEY = ['admin', 'parameters'];

/** `1 200` / `15,56`: the value as an admin reads it, in the interface's language. */
const formatValue = (value: number, language: string) =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 4 }).format(value);

function AddPeriod({ parameter, onClose }: { parameter: ParameterView; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const add = useMutation({
    mutationFn: (body: AddParameterPeriodBody) =>
      apiRequest('POST /api/admin/parameters/:code/periods', { params: { code: parameter.code }, body }),
    onSuccess: () => {
      notify(t('admin.periodAdded'), 'success');
      void queryClient.invalidateQueries({ queryKey: PARAMETERS_KEY });
      onClose();
    },
  });
  const fieldErrors = add.error instanceof ApiError ? add.error.byField : {};
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const raw = text('value')
      .replace(/[\s\u00a0\u202f]/g, '')
      .replace(',', '.');
    add.mutate({
      validFrom: text('validFrom'),
      validTo: text('validTo') || null,
      // NaN when it is not a number: the API refuses it naming the field `value`.
      value: raw === '' ? Number.NaN : Number(raw),
      source: {
        label: text('sourceLabel'),
        ...(text('sourceShort') ? { short: text('sourceShort') } : {}),
        ...(text('sourceUrl') ? { url: text('sourceUrl') } : {}),
      },
    });
  };
  return (
    <Dialog open title={t('admin.addPeriodTitle', { code: parameter.code })} onClose={onClose}>
      <form className="stack" onSubmit={onSubmit} noValidate>
        {add.error && Object.keys(fieldErrors).length === 0 && (
          <Alert tone="danger">{errorMessage(add.error)}</Alert>
        )}
        <p className="field-hint">{parameter.description}</p>
        <TextField
          label={t('admin.validFrom')}
          name="validFrom"
          type="date"
          required
          error={fieldErrors.validFrom}
        />
        <TextField
          label={t('admin.validTo')}
          name="validTo"
          type="date"
          hint={t('admin.validToHint')}
          error={fieldErrors.validTo}
        />
        <TextField
          label={t('admin.value', { unit: parameter.unit })}
          name="value"
          inputMode="decimal"
          required
          error={fieldErrors.value}
        />
        <TextField
          label={t('admin.sourceLabel')}
          name="sourceLabel"
          required
          error={fieldErrors['source.label'] ?? fieldErrors.source}
        />
        <TextField label={t('admin.sourceShort')} name="sourceShort" error={fieldErrors['source.short']} />
        <TextField
          label={t('admin.sourceUrl')}
          name="sourceUrl"
          type="url"
          error={fieldErrors['source.url']}
        />
        <p className="field-hint">{t('admin.appliesToNew')}</p>
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('admin.addPeriod')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** The dated parameters of the formulas, each period with its source; admins add the next one. */
export function ParametersPanel() {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const [adding, setAdding] = useState<ParameterView | null>(null);
  const parameters = useQuery({
    queryKey: PARAMETERS_KEY,
    queryFn: ({ signal }) => apiRequest('GET /api/admin/parameters', { signal }),
  });
  if (parameters.isPending) return <LoadingState />;
  if (parameters.isError)
    return <ErrorState message={errorMessage(parameters.error)} onRetry={() => void parameters.refetch()} />;
  return (
    <section className="stack" aria-labelledby="parameters-title">
      <h2 id="parameters-title">{t('admin.parametersTitle')}</h2>
      <p className="muted">{t('admin.parametersLead')}</p>
      <Table
        caption={t('admin.parametersTitle')}
        rows={parameters.data.parameters}
        rowKey={(p) => p.code}
        columns={[
          {
            key: 'code',
            header: t('admin.parameter'),
            render: (p) => (
              // The name an admin reads first; the engine's code below it, for support and sources.
              <div>
                <div className="param-label">{p.label}</div>
                <code className="field-hint">{p.code}</code>
              </div>
            ),
          },
          {
            key: 'periods',
            header: t('admin.periods'),
            render: (p) => (
              <ul className="plain-list">
                {p.periods.map((period) => (
                  <li key={period.id}>
                    {formatDate(period.validFrom, i18n.language)} →{' '}
                    {period.validTo ? formatDate(period.validTo, i18n.language) : t('admin.openEnded')} :{' '}
                    <strong>
                      {formatValue(period.value, i18n.language)} {p.unit}
                    </strong>{' '}
                    —{' '}
                    {period.source.url ? (
                      <a href={period.source.url} target="_blank" rel="noopener noreferrer">
                        {period.source.label}
                      </a>
                    ) : (
                      period.source.label
                    )}
                  </li>
                ))}
              </ul>
            ),
          },
          {
            key: 'add',
            header: <span className="visually-hidden">{t('admin.addPeriod')}</span>,
            render: (p) => (
              <Button size="sm" variant="secondary" onClick={() => setAdding(p)}>
                {t('admin.addPeriod')}
              </Button>
            ),
          },
        ]}
      />
      {adding && <AddPeriod parameter={adding} onClose={() => setAdding(null)} />}
    </section>
  );
}

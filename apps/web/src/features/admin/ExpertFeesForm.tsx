import type { AdminExpert } from '@ft/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, TextField, useToast } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useFormSubmit } from '../../lib/forms';
import { adminKeys } from './queries';

const toBps = (value: string | string[] | undefined) =>
  Math.round(Number(String(value ?? '').replace(',', '.')) * 100);
const toPercent = (bps: number) => String(bps / 100).replace('.', ',');

/** An expert's fee rates, in percent on screen and basis points in the API. */
export function ExpertFeesForm({ expert }: { expert: AdminExpert }) {
  const { t } = useTranslation();
  const notify = useToast();
  const queryClient = useQueryClient();
  const form = useFormSubmit(
    (v) =>
      apiRequest('PUT /api/admin/experts/:id/fees', {
        params: { id: expert.id },
        body: {
          clientFeeRateBps: toBps(v.clientFeeRateBps),
          platformFeeRateBps: toBps(v.platformFeeRateBps),
          clientFeeMinBps: toBps(v.clientFeeMinBps),
          clientFeeMaxBps: toBps(v.clientFeeMaxBps),
        },
      }),
    (updated) => {
      queryClient.setQueryData(adminKeys.expert(expert.id), updated);
      notify(t('common.saved'), 'success');
    },
  );
  const fields = ['clientFeeRateBps', 'clientFeeMinBps', 'clientFeeMaxBps', 'platformFeeRateBps'] as const;
  return (
    <Card title={t('admin.feesTitle')}>
      <form className="stack" onSubmit={form.onSubmit} noValidate>
        {form.formError && <Alert tone="danger">{form.formError}</Alert>}
        <div className="grid-2">
          {fields.map((field) => (
            <TextField
              key={field}
              label={t(`admin.fees.${field}`)}
              name={field}
              inputMode="decimal"
              hint="%"
              defaultValue={toPercent(expert.fees[field])}
              error={form.fieldErrors[field]}
            />
          ))}
        </div>
        <div>
          <Button type="submit" loading={form.pending}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

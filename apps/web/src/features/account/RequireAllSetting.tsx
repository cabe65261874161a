import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, Checkbox, TextField, useToast } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';

const KEY = ['security-settings'] as const;

/** Admins: require a second factor of clients too (staff always need one); RGPD exports. */
export function RequireAllSetting() {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: () => apiRequest('GET /api/admin/security-settings'),
  });
  const save = useMutation({
    mutationFn: (value: boolean) =>
      apiRequest('PUT /api/admin/security-settings', { body: { requireSecondFactorForAll: value } }),
    onSuccess: (data) => {
      queryClient.setQueryData(KEY, data);
      notify(t('common.saved'), 'success');
    },
    onError: (error) => notify(errorMessage(error), 'danger'),
  });
  const today = new Date().toISOString().slice(0, 10);
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  return (
    <Card title={t('twoFactor.platformTitle')}>
      <div className="stack">
        <Checkbox
          label={t('twoFactor.requireAll')}
          checked={settings.data?.requireSecondFactorForAll ?? false}
          disabled={!settings.data || save.isPending}
          onChange={(event) => save.mutate(event.currentTarget.checked)}
        />
        <h3>{t('privacy.adminExports')}</h3>
        <a href="/api/admin/processing-register.csv" download>
          {t('privacy.registerCsv')}
        </a>
        <div className="row">
          <TextField
            label={t('privacy.from')}
            type="date"
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextField
            label={t('privacy.to')}
            type="date"
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
        </div>
        <a href={`/api/admin/audit.csv?from=${from}&to=${to}`} download>
          {t('privacy.auditCsv')}
        </a>
      </div>
    </Card>
  );
}

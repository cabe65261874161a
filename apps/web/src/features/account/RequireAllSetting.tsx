import type { SecuritySettings } from '@ft/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Card, Checkbox, useToast } from '../../components/ui';
import { api } from '../../lib/api';
import { useErrorMessage } from '../../lib/errors';

const KEY = ['security-settings'] as const;

/** Admins: require a second factor of clients too (staff always need one). */
export function RequireAllSetting() {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: () => api.get<SecuritySettings>('/api/admin/security-settings'),
  });
  const save = useMutation({
    mutationFn: (value: boolean) =>
      api.put<SecuritySettings>('/api/admin/security-settings', { requireSecondFactorForAll: value }),
    onSuccess: (data) => {
      queryClient.setQueryData(KEY, data);
      notify(t('common.saved'), 'success');
    },
    onError: (error) => notify(errorMessage(error), 'danger'),
  });
  return (
    <Card title={t('twoFactor.platformTitle')}>
      <Checkbox
        label={t('twoFactor.requireAll')}
        checked={settings.data?.requireSecondFactorForAll ?? false}
        disabled={!settings.data || save.isPending}
        onChange={(event) => save.mutate(event.currentTarget.checked)}
      />
    </Card>
  );
}

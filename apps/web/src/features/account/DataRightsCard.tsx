import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Dialog, ErrorState, LoadingState, useToast } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { textOf, useFormSubmit } from '../../lib/forms';
import { CurrentPasswordField } from '../auth/SecretFields';

const KEY = ['privacy'] as const;

function DeleteAccountDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const form = useFormSubmit(
    (values) => apiRequest('POST /api/me/deletion', { body: { password: textOf(values.password) } }),
    () => {
      void queryClient.invalidateQueries({ queryKey: KEY });
      onClose();
    },
  );
  return (
    <Dialog open={open} title={t('privacy.deleteTitle')} onClose={onClose}>
      <form className="stack" onSubmit={form.onSubmit} noValidate>
        <Alert tone="warning">{t('privacy.deleteWarning')}</Alert>
        {form.formError && <Alert tone="danger">{form.formError}</Alert>}
        <CurrentPasswordField error={form.fieldErrors.password} />
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="danger" loading={form.pending}>
            {t('privacy.deleteConfirm')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** "Télécharger mes données" and account deletion (RGPD art. 15, 17 and 20). */
export function DataRightsCard({ canDelete }: { canDelete: boolean }) {
  const { t, i18n } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  const privacy = useQuery({
    queryKey: KEY,
    queryFn: () => apiRequest('GET /api/me/privacy'),
    // A pending export turns ready within a minute: look again meanwhile.
    refetchInterval: (query) =>
      query.state.data?.exports.some((e) => e.status === 'pending') ? 10_000 : false,
  });
  const requestExport = useMutation({
    mutationFn: () => apiRequest('POST /api/me/exports'),
    onSuccess: () => {
      notify(t('privacy.exportRequested'), 'success');
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (error) => notify(errorMessage(error), 'danger'),
  });
  const cancelDeletion = useMutation({
    mutationFn: () => apiRequest('DELETE /api/me/deletion'),
    onSuccess: () => {
      notify(t('privacy.deletionCancelled'), 'success');
      void queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: (error) => notify(errorMessage(error), 'danger'),
  });

  return (
    <Card title={t('privacy.title')}>
      {privacy.isPending && <LoadingState />}
      {privacy.isError && (
        <ErrorState message={errorMessage(privacy.error)} onRetry={() => void privacy.refetch()} />
      )}
      {privacy.data && (
        <div className="stack">
          <p className="muted">{t('privacy.exportLead')}</p>
          {privacy.data.exports.slice(0, 1).map((row) => (
            <p key={row.id}>
              {t(`privacy.exportStatus.${row.status}`, {
                date: formatDateTime(row.requestedAt, i18n.language),
                expires: row.expiresAt ? formatDate(row.expiresAt, i18n.language) : '',
              })}
            </p>
          ))}
          <div>
            <Button
              variant="secondary"
              loading={requestExport.isPending}
              disabled={privacy.data.exports.some((row) => row.status === 'pending')}
              onClick={() => requestExport.mutate()}
            >
              {t('privacy.exportButton')}
            </Button>
          </div>
          {canDelete && (
            <>
              <h3>{t('privacy.deleteTitle')}</h3>
              {privacy.data.deletion ? (
                <>
                  <Alert tone="warning">
                    {t('privacy.deletionScheduled', {
                      date: formatDate(privacy.data.deletion.dueAt, i18n.language),
                    })}
                  </Alert>
                  <div>
                    <Button loading={cancelDeletion.isPending} onClick={() => cancelDeletion.mutate()}>
                      {t('privacy.cancelDeletion')}
                    </Button>
                  </div>
                </>
              ) : (
                <>
                  <p className="muted">{t('privacy.deleteLead')}</p>
                  <div>
                    <Button variant="danger" onClick={() => setDeleting(true)}>
                      {t('privacy.deleteButton')}
                    </Button>
                  </div>
                </>
              )}
            </>
          )}
        </div>
      )}
      <DeleteAccountDialog open={deleting} onClose={() => setDeleting(false)} />
    </Card>
  );
}

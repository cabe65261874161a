import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, ErrorState, LoadingState, Spinner, useToast } from '../../components/ui';
import { apiHref, apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatDate, formatDateTime } from '../../lib/format';
import { PasswordConfirmDialog } from '../auth/PasswordConfirmDialog';
import { formatBytes } from '../documents/format';

const KEY = ['privacy'] as const;

function DeleteAccountDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <PasswordConfirmDialog
      open={open}
      title={t('privacy.deleteTitle')}
      confirmLabel={t('privacy.deleteConfirm')}
      submit={(password) => apiRequest('POST /api/me/deletion', { body: { password } })}
      onDone={() => {
        void queryClient.invalidateQueries({ queryKey: KEY });
        onClose();
      }}
      onClose={onClose}
    >
      <Alert tone="warning">{t('privacy.deleteWarning')}</Alert>
    </PasswordConfirmDialog>
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
    // A pending export turns ready within a minute: look again meanwhile. A ready one is looked at
    // again when its link expires, so the button goes with it.
    refetchInterval: (query) => {
      const latest = query.state.data?.exports[0];
      if (latest?.status === 'pending') return 5_000;
      if (latest?.status !== 'ready' || !latest.expiresAt) return false;
      const left = new Date(latest.expiresAt).getTime() - Date.now();
      return left < 2 ** 31 - 1 ? Math.max(left, 1000) : false;
    },
  });
  // The latest request only: an older ready archive is superseded by a newer one.
  const latest = privacy.data?.exports[0];
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
          {latest && (
            <div className="stack">
              <p aria-live="polite">
                {latest.status === 'pending' && <Spinner label={t('privacy.preparing')} />}{' '}
                {t(`privacy.exportStatus.${latest.status}`, {
                  date: formatDateTime(latest.requestedAt, i18n.language),
                  expires: latest.expiresAt ? formatDateTime(latest.expiresAt, i18n.language) : '',
                })}
              </p>
              {latest.status === 'ready' && (
                <div>
                  <a
                    className="btn btn-primary"
                    href={apiHref('GET /api/me/exports/:id/archive', { id: latest.id })}
                    download
                  >
                    {t('privacy.downloadArchive')}
                    {latest.sizeBytes !== null && ` (${formatBytes(latest.sizeBytes, i18n.language)})`}
                  </a>
                </div>
              )}
            </div>
          )}
          <div>
            <Button
              variant="secondary"
              loading={requestExport.isPending}
              disabled={privacy.data.exports.some((row) => row.status === 'pending')}
              onClick={() => requestExport.mutate()}
            >
              {/* Next to a ready archive's download, this one asks for a fresh archive: say so. */}
              {latest?.status === 'ready' ? t('privacy.exportAgain') : t('privacy.exportButton')}
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

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, ConfirmDialog, TextField, useToast } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { appointmentKeys } from './api';

const FEED_KEY = appointmentKeys.feed;

/**
 * The private calendar feed. Its URL is shown once, when made: only its hash is kept, so a lost URL
 * is replaced, not recovered.
 */
export function FeedCard() {
  const { t, i18n } = useTranslation();
  const notify = useToast();
  const queryClient = useQueryClient();
  const state = useQuery({
    queryKey: FEED_KEY,
    queryFn: ({ signal }) => apiRequest('GET /api/me/calendar-feed', { signal }),
  });
  const errorMessage = useErrorMessage();
  const [url, setUrl] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const create = useMutation({
    mutationFn: () => apiRequest('POST /api/me/calendar-feed'),
    onSuccess: (feed) => {
      setUrl(feed.url);
      void queryClient.invalidateQueries({ queryKey: FEED_KEY });
    },
  });
  const revoke = useMutation({
    mutationFn: () => apiRequest('DELETE /api/me/calendar-feed'),
    onSuccess: () => {
      setUrl(null);
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: FEED_KEY });
      notify(t('appointments.feed.revoked'), 'success');
    },
  });
  const copy = async () => {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      notify(t('appointments.feed.copied'), 'success');
    } catch {
      notify(t('appointments.feed.copyFailed'), 'danger');
    }
  };
  const error = create.error ?? revoke.error ?? state.error;
  const active = state.data?.active === true;
  return (
    <Card title={t('appointments.feed.title')}>
      <div className="stack">
        <p className="muted">{t('appointments.feed.explain')}</p>
        {error && <Alert tone="danger">{errorMessage(error)}</Alert>}
        {!url && state.data?.createdAt && (
          <p>
            {t('appointments.feed.active', { date: formatDateTime(state.data.createdAt, i18n.language) })}
          </p>
        )}
        {url && (
          <>
            <TextField
              label={t('appointments.feed.url')}
              value={url}
              readOnly
              onFocus={(e) => e.currentTarget.select()}
            />
            <p className="muted">{t('appointments.feed.once')}</p>
          </>
        )}
        <div className="row">
          {url && (
            <Button variant="secondary" onClick={() => void copy()}>
              {t('appointments.feed.copy')}
            </Button>
          )}
          <Button variant="secondary" onClick={() => create.mutate()} loading={create.isPending}>
            {url || active ? t('appointments.feed.rotate') : t('appointments.feed.create')}
          </Button>
          {(url || active) && (
            <Button variant="ghost" onClick={() => setConfirming(true)}>
              {t('appointments.feed.revoke')}
            </Button>
          )}
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        title={t('appointments.feed.revokeTitle')}
        message={t('appointments.feed.revokeMessage')}
        confirmLabel={t('appointments.feed.revoke')}
        danger
        loading={revoke.isPending}
        onConfirm={() => revoke.mutate()}
        onCancel={() => setConfirming(false)}
      />
    </Card>
  );
}

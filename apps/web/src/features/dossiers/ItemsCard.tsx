import type { DossierDetail } from '@ft/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button, Card, ConfirmDialog, TextAreaField, type Tone, useToast } from '../../components/ui';
import { ApiError, api, apiUrl } from '../../lib/api';
import { useErrorMessage } from '../../lib/errors';

const ITEM_TONE: Record<string, Tone> = {
  requested: 'warning',
  uploaded: 'info',
  approved: 'success',
  rejected: 'danger',
};
type Item = DossierDetail['items'][number];

function uploadFile(dossierId: string, itemId: string, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api.post<unknown>(`/api/dossiers/${dossierId}/documents?itemId=${itemId}`, form);
}

/** The dossier's documents: the client uploads each item, the expert or an admin reviews it. */
export function ItemsCard({
  dossier,
  canUpload,
  canReview,
}: {
  dossier: DossierDetail;
  canUpload: boolean;
  canReview: boolean;
}) {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [rejecting, setRejecting] = useState<Item | null>(null);
  const [reason, setReason] = useState('');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['dossier', dossier.id] });
  };
  const upload = useMutation({
    mutationFn: ({ item, file }: { item: Item; file: File }) => uploadFile(dossier.id, item.id, file),
    onSuccess: () => {
      notify(t('dossier.uploaded'), 'success');
      refresh();
    },
    onError: (error) => notify(errorMessage(error), 'danger'),
  });
  const review = useMutation({
    mutationFn: ({ item, decision }: { item: Item; decision: 'approve' | 'reject' }) =>
      api.post(`/api/documents/${item.documentId}/${decision}`, decision === 'reject' ? { reason } : {}),
    onSuccess: () => {
      setRejecting(null);
      setReason('');
      notify(t('dossier.done'), 'success');
      refresh();
    },
  });

  return (
    <Card title={t('dossier.itemsTitle')}>
      {dossier.items.length === 0 && <p className="muted">{t('dossier.noItems')}</p>}
      <ul className="stack plain-list">
        {dossier.items.map((item) => (
          <li key={item.id} className="item-row">
            <div className="row">
              <span>
                {item.label}
                {item.required ? '' : ` (${t('dossier.optional')})`}
              </span>
              <Badge tone={ITEM_TONE[item.status] ?? 'neutral'}>
                {t(`dossier.itemStatus.${item.status}`)}
              </Badge>
            </div>
            {item.reason && item.status === 'rejected' && <span className="field-error">{item.reason}</span>}
            <div className="row">
              {item.documentId && (
                <>
                  <a
                    className="btn btn-ghost btn-sm"
                    href={apiUrl(`/api/documents/${item.documentId}/content?preview=true`)}
                    target="_blank"
                    rel="noopener"
                  >
                    {t('dossier.preview')}
                  </a>
                  <a
                    className="btn btn-ghost btn-sm"
                    href={apiUrl(`/api/documents/${item.documentId}/content`)}
                  >
                    {t('dossier.download')}
                  </a>
                </>
              )}
              {canUpload && item.status !== 'approved' && (
                <label className="btn btn-secondary btn-sm upload-button">
                  {item.documentId ? t('dossier.uploadNew') : t('dossier.upload')}
                  <input
                    type="file"
                    className="visually-hidden"
                    aria-label={`${t('dossier.upload')} : ${item.label}`}
                    onChange={(event) => {
                      const file = event.target.files?.[0];
                      if (file) upload.mutate({ item, file });
                      event.target.value = '';
                    }}
                  />
                </label>
              )}
              {canReview && item.status === 'uploaded' && item.documentId && (
                <>
                  <Button
                    size="sm"
                    onClick={() => review.mutate({ item, decision: 'approve' })}
                    loading={review.isPending && !rejecting}
                  >
                    {t('dossier.approve')}
                  </Button>
                  <Button size="sm" variant="danger" onClick={() => setRejecting(item)}>
                    {t('dossier.reject')}
                  </Button>
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={rejecting !== null}
        title={t('dossier.reject')}
        message={rejecting?.label ?? ''}
        confirmLabel={t('dossier.reject')}
        danger
        loading={review.isPending}
        onConfirm={() => rejecting && review.mutate({ item: rejecting, decision: 'reject' })}
        onCancel={() => {
          setRejecting(null);
          review.reset();
        }}
      >
        <TextAreaField
          label={t('dossier.fields.reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={
            review.error instanceof ApiError
              ? (review.error.byField.reason ?? errorMessage(review.error))
              : undefined
          }
        />
      </ConfirmDialog>
    </Card>
  );
}

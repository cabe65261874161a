import type { DocumentMetadata, DocumentVersion, DossierDetail } from '@ft/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, ConfirmDialog, ErrorState, TextAreaField, useToast } from '../../components/ui';
import { ApiError } from '../../lib/api';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { useMe } from '../../lib/session';
import { ChecklistItem } from '../documents/ChecklistItem';
import { PurgeDialog, type Purging } from '../documents/PurgeDialog';
import { documentKeys } from '../documents/queries';
import { dossierKeys, dossierQueries } from './queries';

type Item = DossierDetail['items'][number];
type Hiding = { document: DocumentMetadata; version: DocumentVersion };

/** The dossier's checklist: the client uploads each item, the expert or an admin reviews it. */
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
  const me = useMe();
  const [rejecting, setRejecting] = useState<Item | null>(null);
  const [hiding, setHiding] = useState<Hiding | null>(null);
  const [purging, setPurging] = useState<Purging | null>(null);
  const [reason, setReason] = useState('');
  const documents = useQuery(dossierQueries.documents(dossier.id));
  const refresh = (message?: string) => {
    if (message) notify(message, 'success');
    void queryClient.invalidateQueries({ queryKey: dossierKeys.detail(dossier.id) });
    void queryClient.invalidateQueries({ queryKey: documentKeys.all });
  };
  const review = useMutation({
    mutationFn: ({ item, decision }: { item: Item; decision: 'approve' | 'reject' }) => {
      const params = { id: item.documentId ?? '' };
      return decision === 'reject'
        ? apiRequest('POST /api/documents/:id/reject', { params, body: { reason } })
        : apiRequest('POST /api/documents/:id/approve', { params });
    },
    onSuccess: () => {
      setRejecting(null);
      setReason('');
      refresh(t('dossier.done'));
    },
    onError: (error) => {
      if (!rejecting) notify(errorMessage(error), 'danger');
    },
  });
  const hide = useMutation({
    mutationFn: ({ document, version }: Hiding) =>
      apiRequest('POST /api/documents/:id/versions/:version/hide', {
        params: { id: document.id, version: version.version },
      }),
    onSuccess: () => {
      setHiding(null);
      refresh(t('documents.hidden'));
    },
  });

  const meId = me.data?.user.id ?? '';
  const parties = { meId, clientId: dossier.clientId, expertId: dossier.expertId };
  // The server has the last word; this only avoids offering what it would refuse.
  const canHide = (v: DocumentVersion) =>
    canUpload && v.uploadedBy === meId && !v.review && !v.hiddenAt && !v.purged;
  const byItem = new Map((documents.data?.documents ?? []).map((d) => [d.itemId, d]));

  return (
    <Card title={t('dossier.itemsTitle')}>
      {dossier.items.length === 0 && <p className="muted">{t('dossier.noItems')}</p>}
      {documents.isError && (
        <ErrorState message={errorMessage(documents.error)} onRetry={() => void documents.refetch()} />
      )}
      <ul className="stack plain-list">
        {dossier.items.map((item) => (
          <ChecklistItem
            key={item.id}
            dossierId={dossier.id}
            item={item}
            document={byItem.get(item.id)}
            parties={parties}
            canUpload={canUpload}
            canReview={canReview}
            canHide={canHide}
            canPurge={me.data?.user.role === 'admin'}
            onChanged={refresh}
            onHide={(document, version) => setHiding({ document, version })}
            onPurge={(document, version) => setPurging({ document, version })}
            onApprove={() => review.mutate({ item, decision: 'approve' })}
            onReject={() => setRejecting(item)}
          />
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
      <ConfirmDialog
        open={hiding !== null}
        title={t('documents.hideTitle')}
        message={
          hiding
            ? t('documents.hideMessage', { version: hiding.version.version, name: hiding.version.fileName })
            : ''
        }
        confirmLabel={t('documents.hide')}
        danger
        loading={hide.isPending}
        onConfirm={() => hiding && hide.mutate(hiding)}
        onCancel={() => {
          setHiding(null);
          hide.reset();
        }}
      >
        {hide.error && <p className="field-error">{errorMessage(hide.error)}</p>}
      </ConfirmDialog>
      <PurgeDialog
        purging={purging}
        onClose={() => setPurging(null)}
        onPurged={() => {
          setPurging(null);
          refresh(t('documents.purgedDone'));
        }}
      />
    </Card>
  );
}

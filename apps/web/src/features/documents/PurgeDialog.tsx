import type { DocumentMetadata, DocumentVersion } from '@ft/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog, TextAreaField } from '../../components/ui';
import { ApiError } from '../../lib/api';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';

export type Purging = { document: DocumentMetadata; version: DocumentVersion };

/** Admins remove a version's bytes for good; the reason is required and kept on the tombstone. */
export function PurgeDialog({
  purging,
  onClose,
  onPurged,
}: {
  purging: Purging | null;
  onClose: () => void;
  onPurged: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [reason, setReason] = useState('');
  const purge = useMutation({
    mutationFn: ({ document, version }: Purging) =>
      apiRequest('POST /api/documents/:id/purge', {
        params: { id: document.id },
        body: { reason, version: version.version },
      }),
    onSuccess: () => {
      setReason('');
      onPurged();
    },
  });
  return (
    <ConfirmDialog
      open={purging !== null}
      title={t('documents.purgeTitle')}
      message={
        purging
          ? t('documents.purgeMessage', { version: purging.version.version, name: purging.version.fileName })
          : ''
      }
      confirmLabel={t('documents.purge')}
      danger
      loading={purge.isPending}
      onConfirm={() => purging && purge.mutate(purging)}
      onCancel={() => {
        purge.reset();
        onClose();
      }}
    >
      <TextAreaField
        label={t('documents.purgeReason')}
        value={reason}
        required
        onChange={(event) => setReason(event.target.value)}
        error={
          purge.error instanceof ApiError
            ? (purge.error.byField.reason ?? errorMessage(purge.error))
            : undefined
        }
      />
    </ConfirmDialog>
  );
}

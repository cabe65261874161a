import type { MyDocument } from '@ft/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, useToast } from '../../components/ui';
import { api } from '../../lib/api';
import { useErrorMessage } from '../../lib/errors';

/**
 * When the client already sent this company document (Kbis, RIB, statuts) on another dossier,
 * offers to attach it here instead of uploading it again.
 */
export function ReuseOffer({
  dossierId,
  itemId,
  code,
  onAttached,
}: {
  dossierId: string;
  itemId: string;
  code: string;
  onAttached: () => void;
}) {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const candidates = useQuery({
    queryKey: ['documents', 'mine', { kind: code }],
    queryFn: () =>
      api.get<{ items: MyDocument[] }>(`/api/documents?kind=${encodeURIComponent(code)}&limit=10`),
  });
  const attach = useMutation({
    mutationFn: (documentId: string) =>
      api.post(`/api/dossiers/${dossierId}/items/${itemId}/attach`, { documentId }),
    onSuccess: () => {
      notify(t('documents.reused'), 'success');
      onAttached();
    },
    onError: (error) => notify(errorMessage(error), 'danger'),
  });
  // The latest one sent elsewhere that was not refused.
  const offer = candidates.data?.items.find((d) => d.dossierId !== dossierId && d.status !== 'rejected');
  if (!offer) return null;
  return (
    <div className="reuse-offer">
      <span>{t('documents.reuseOffer', { dossier: offer.productName, name: offer.fileName })}</span>
      <Button
        size="sm"
        variant="secondary"
        loading={attach.isPending}
        onClick={() => attach.mutate(offer.id)}
      >
        {t('documents.reuse')}
      </Button>
    </div>
  );
}

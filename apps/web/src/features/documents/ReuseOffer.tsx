import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Button, useToast } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { useCatalogueLabels } from '../../lib/labels';
import { documentQueries } from './queries';

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
  const labels = useCatalogueLabels();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const candidates = useQuery(documentQueries.ofKind(code));
  const attach = useMutation({
    mutationFn: (documentId: string) =>
      apiRequest('POST /api/dossiers/:id/items/:itemId/attach', {
        params: { id: dossierId, itemId },
        body: { documentId },
      }),
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
      <span>
        {t('documents.reuseOffer', {
          dossier: labels.product(offer.productCode, offer.productName),
          name: offer.fileName,
        })}
      </span>
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

import type { DocumentMetadata, DocumentVersion, DossierDetail } from '@ft/contracts';
import { isCompanyDocumentCode } from '@ft/contracts/document-kinds';
import { useTranslation } from 'react-i18next';
import { Badge, Button } from '../../components/ui';
import { apiPath } from '../../lib/client';
import { useCatalogueLabels } from '../../lib/labels';
import { ITEM_TONE } from './format';
import { ReuseOffer } from './ReuseOffer';
import { UploadZone } from './UploadZone';
import { type Parties, VersionList } from './VersionList';

type Item = DossierDetail['items'][number];

/** One checklist item: status, reasons, every version, and what the viewer may do with it. */
export function ChecklistItem({
  dossierId,
  item,
  document,
  parties,
  canUpload,
  canReview,
  canHide,
  canPurge,
  onChanged,
  onHide,
  onPurge,
  onApprove,
  onReject,
}: {
  dossierId: string;
  item: Item;
  document: DocumentMetadata | undefined;
  parties: Parties;
  canUpload: boolean;
  canReview: boolean;
  canHide: (version: DocumentVersion) => boolean;
  canPurge: boolean;
  onChanged: (message?: string) => void;
  onHide: (document: DocumentMetadata, version: DocumentVersion) => void;
  onPurge: (document: DocumentMetadata, version: DocumentVersion) => void;
  onApprove: () => void;
  onReject: () => void;
}) {
  const { t } = useTranslation();
  const labels = useCatalogueLabels();
  const open = canUpload && item.status !== 'approved';
  return (
    <li className="item-row">
      <div className="row">
        <strong>
          {labels.document(item)}
          {item.required ? '' : ` (${t('dossier.optional')})`}
        </strong>
        <Badge tone={ITEM_TONE[item.status] ?? 'neutral'}>{t(`dossier.itemStatus.${item.status}`)}</Badge>
      </div>
      {item.reason && item.status === 'rejected' && (
        <span className="field-error">{t('documents.reason', { reason: item.reason })}</span>
      )}
      {document && (
        <VersionList
          document={document}
          parties={parties}
          canHide={canHide}
          onHide={(version) => onHide(document, version)}
          canPurge={canPurge}
          onPurge={(version) => onPurge(document, version)}
        />
      )}
      {open && item.status !== 'uploaded' && isCompanyDocumentCode(item.code) && (
        <ReuseOffer dossierId={dossierId} itemId={item.id} code={item.code} onAttached={() => onChanged()} />
      )}
      {open && (
        <UploadZone
          url={apiPath('POST /api/dossiers/:id/documents', { id: dossierId }, { itemId: item.id })}
          label={labels.document(item)}
          onUploaded={(name) => onChanged(t('documents.sent', { name }))}
        />
      )}
      {canReview && item.status === 'uploaded' && item.documentId && (
        <div className="row-tight">
          <Button size="sm" onClick={onApprove}>
            {t('dossier.approve')}
          </Button>
          {/* Refusing asks for a reason in a dialog: quiet here, beside the expected "Valider". */}
          <Button size="sm" variant="ghost" className="btn-quiet-danger" onClick={onReject}>
            {t('dossier.reject')}
          </Button>
        </div>
      )}
    </li>
  );
}

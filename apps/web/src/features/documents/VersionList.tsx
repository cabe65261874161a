import type { DocumentMetadata, DocumentVersion } from '@ft/contracts';
import { useTranslation } from 'react-i18next';
import { Badge, Button } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { contentUrl, formatBytes } from './format';

export type Parties = { meId: string; clientId: string; expertId: string | null };

function who(uploadedBy: string | null, parties: Parties): 'me' | 'client' | 'expert' | 'team' {
  if (uploadedBy === parties.meId) return 'me';
  if (uploadedBy === parties.clientId) return 'client';
  if (uploadedBy && uploadedBy === parties.expertId) return 'expert';
  return 'team';
}

/** Every version of an item's document, newest first: who sent it and when, its review, its bytes. */
export function VersionList({
  document,
  parties,
  canHide,
  onHide,
  canPurge,
  onPurge,
}: {
  document: DocumentMetadata;
  parties: Parties;
  canHide: (version: DocumentVersion) => boolean;
  onHide: (version: DocumentVersion) => void;
  canPurge: boolean;
  onPurge: (version: DocumentVersion) => void;
}) {
  const { t, i18n } = useTranslation();
  const versions = [...document.versions].reverse();
  // The current version's review is the item's own badge and reason: shown once, above.
  const current = versions.find((v) => !v.hiddenAt && !v.purged)?.version;
  const past = (v: DocumentVersion) => v.version !== current;
  return (
    <ul className="versions" aria-label={t('documents.versions')}>
      {versions.map((v) => (
        <li key={v.version} className="version">
          <strong>{t('documents.versionLabel', { version: v.version })}</strong>
          <span className="file-name">{v.fileName}</span>
          <span className="version-meta">
            {formatBytes(v.sizeBytes, i18n.language)} ·{' '}
            {t('documents.uploadedBy', {
              who: t(`documents.who.${who(v.uploadedBy, parties)}`),
              date: formatDateTime(v.uploadedAt, i18n.language),
            })}
            {v.reusedFrom && ` · ${t('documents.reusedFrom')}`}
          </span>
          {past(v) && v.review?.status === 'approved' && (
            <Badge tone="success">{t('documents.reviewApproved')}</Badge>
          )}
          {past(v) && v.review?.status === 'rejected' && (
            <Badge tone="danger">{t('documents.reviewRejected')}</Badge>
          )}
          {v.hiddenAt && <Badge tone="neutral">{t('documents.hiddenByClient')}</Badge>}
          {v.purged ? (
            <span className="version-purged">
              {t('documents.purged', {
                date: formatDateTime(v.purged.at, i18n.language),
                reason: v.purged.reason,
              })}
            </span>
          ) : (
            <span className="row-tight">
              <a
                className="btn btn-ghost btn-sm"
                href={contentUrl(document.id, v.version, true)}
                target="_blank"
                rel="noopener"
                aria-label={`${t('dossier.preview')} : ${t('documents.versionLabel', { version: v.version })} ${v.fileName}`}
              >
                {t('dossier.preview')}
              </a>
              <a
                className="btn btn-ghost btn-sm"
                href={contentUrl(document.id, v.version)}
                aria-label={`${t('dossier.download')} : ${t('documents.versionLabel', { version: v.version })} ${v.fileName}`}
              >
                {t('dossier.download')}
              </a>
              {canHide(v) && (
                <Button size="sm" variant="ghost" onClick={() => onHide(v)}>
                  {t('documents.hide')}
                </Button>
              )}
              {canPurge && (
                <Button size="sm" variant="ghost" onClick={() => onPurge(v)}>
                  {t('documents.purge')}
                </Button>
              )}
            </span>
          )}
          {past(v) && v.review?.status === 'rejected' && v.review.reason && (
            <span className="version-reason">{t('documents.reason', { reason: v.review.reason })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

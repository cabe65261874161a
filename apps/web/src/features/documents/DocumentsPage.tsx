import type { MyDocument } from '@ft/contracts';
import { companyDocumentCodes, documentItemStatuses } from '@ft/contracts/document-kinds';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CurrentUser } from '../../app/RequireUser';
import { Badge, PageHeader, SelectField, Table } from '../../components/ui';
import { useCursorList } from '../../lib/cursor-list';
import { formatDateTime } from '../../lib/format';
import { useCatalogueLabels } from '../../lib/labels';
import { ListFrame } from '../admin/ListFrame';
import { dossierKeys, dossierQueries } from '../dossiers/queries';
import { contentUrl, formatBytes, ITEM_TONE } from './format';
import { documentKeys } from './queries';

const FILTERS = ['dossierId', 'status', 'kind'] as const;

/** Filters live in the address, so a filtered list can be shared, reloaded and gone back to. */
function Filters() {
  const { t } = useTranslation();
  const labels = useCatalogueLabels();
  const [params, setParams] = useSearchParams();
  const dossiers = useQuery(dossierQueries.list(dossierKeys.forFilter));
  const set = (name: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const all = { value: '', label: t('documents.all') };
  return (
    <fieldset className="filters">
      <legend className="visually-hidden">{t('documents.filters')}</legend>
      <SelectField
        label={t('documents.dossier')}
        value={params.get('dossierId') ?? ''}
        onChange={(event) => set('dossierId', event.target.value)}
        options={[
          all,
          ...(dossiers.data?.items ?? []).map((d) => ({
            value: d.id,
            label: labels.product(d.productCode, d.productName),
          })),
        ]}
      />
      <SelectField
        label={t('documents.status')}
        value={params.get('status') ?? ''}
        onChange={(event) => set('status', event.target.value)}
        options={[
          all,
          ...documentItemStatuses
            .filter((s) => s !== 'requested')
            .map((s) => ({ value: s, label: t(`dossier.itemStatus.${s}`) })),
        ]}
      />
      <SelectField
        label={t('documents.kind')}
        value={params.get('kind') ?? ''}
        onChange={(event) => set('kind', event.target.value)}
        options={[
          all,
          ...companyDocumentCodes.map((code) => ({ value: code, label: t(`documents.kinds.${code}`) })),
        ]}
      />
    </fieldset>
  );
}

function DocumentsTable({ items }: { items: MyDocument[] }) {
  const { t, i18n } = useTranslation();
  const labels = useCatalogueLabels();
  return (
    <Table
      caption={t('documents.title')}
      rows={items}
      rowKey={(d) => d.id}
      columns={[
        {
          key: 'name',
          header: t('documents.document'),
          render: (d) => (
            <div className="stack-tight">
              <strong className="file-name">{d.fileName}</strong>
              {d.itemLabel && (
                <span className="muted">{labels.document({ code: d.itemCode, label: d.itemLabel })}</span>
              )}
            </div>
          ),
        },
        {
          key: 'dossier',
          header: t('documents.dossier'),
          render: (d) => (
            <Link to={`/dossiers/${d.dossierId}`}>{labels.product(d.productCode, d.productName)}</Link>
          ),
        },
        {
          key: 'status',
          header: t('documents.status'),
          render: (d) => (
            <div className="stack-tight">
              <Badge tone={ITEM_TONE[d.status] ?? 'neutral'}>{t(`dossier.itemStatus.${d.status}`)}</Badge>
              {d.status === 'rejected' && d.reason && <span className="field-error">{d.reason}</span>}
            </div>
          ),
        },
        { key: 'version', header: t('documents.version'), numeric: true, render: (d) => `v${d.version}` },
        {
          key: 'size',
          header: t('documents.size'),
          numeric: true,
          render: (d) => formatBytes(d.sizeBytes, i18n.language),
        },
        {
          key: 'uploaded',
          header: t('documents.uploadedAt'),
          numeric: true,
          render: (d) => formatDateTime(d.uploadedAt, i18n.language),
        },
        {
          key: 'actions',
          header: <span className="visually-hidden">{t('documents.actions')}</span>,
          render: (d) => (
            <div className="row row-tight">
              <a
                className="btn btn-ghost btn-sm"
                href={contentUrl(d.id, undefined, true)}
                target="_blank"
                rel="noopener"
                aria-label={`${t('dossier.preview')} : ${d.fileName}`}
              >
                {t('dossier.preview')}
              </a>
              <a
                className="btn btn-ghost btn-sm"
                href={contentUrl(d.id)}
                aria-label={`${t('dossier.download')} : ${d.fileName}`}
              >
                {t('dossier.download')}
              </a>
            </div>
          ),
        },
      ]}
    />
  );
}

/** "All my documents": everything the client sent, across dossiers, with filters. */
export function DocumentsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const filters = {
    dossierId: params.get('dossierId') ?? undefined,
    status: documentItemStatuses.find((status) => status === params.get('status')),
    kind: params.get('kind') ?? undefined,
  };
  const filtered = Object.values(filters).some(Boolean);
  const list = useCursorList(documentKeys.mine, 'GET /api/documents', filters);
  return (
    <div className="container page">
      <CurrentUser>
        {() => (
          <div className="stack">
            <PageHeader title={t('documents.title')} description={t('documents.lead')} />
            <Filters />
            <ListFrame query={list} empty={filtered ? t('documents.noMatch') : t('documents.empty')}>
              {(items) => <DocumentsTable items={items} />}
            </ListFrame>
          </div>
        )}
      </CurrentUser>
    </div>
  );
}

import type { DossierSummary } from '@ft/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Badge, ButtonLink, Card, EmptyState, ErrorState, LoadingState, Table } from '../../components/ui';
import { useErrorMessage } from '../../lib/errors';
import { formatDate, formatEuros } from '../../lib/format';
import { useCatalogueLabels } from '../../lib/labels';
import { nextStepKey } from '../dossiers/clientProgress';
import { formatSiren } from '../dossiers/DossierContext';
import { dossierQueries } from '../dossiers/queries';
import { dashboardQueries } from './queries';

/**
 * The dossiers the viewer may see, with their estimates. For a client the way in is the simulator
 * when there are none; an expert sees the dossiers proposed or assigned to it.
 */
export function DossierList({ viewer }: { viewer: 'client' | 'expert' | 'admin' }) {
  const { t, i18n } = useTranslation();
  const labels = useCatalogueLabels();
  const errorMessage = useErrorMessage();
  const dossiers = useQuery(dossierQueries.list());
  // Claim deadlines and amount periods come with the client's dashboard (simulator v2).
  const terms = useQuery({ ...dashboardQueries.client(), enabled: viewer === 'client' });
  const deadlineOf = new Map((terms.data?.deadlines ?? []).map((d) => [d.dossierId, d]));
  const periodOf = terms.data?.amountPeriods ?? {};
  if (dossiers.isPending) return <LoadingState />;
  if (dossiers.isError)
    return <ErrorState message={errorMessage(dossiers.error)} onRetry={() => void dossiers.refetch()} />;
  const items = dossiers.data.items;
  if (items.length === 0) {
    // Only a client can start a simulation; the others are told where dossiers will come from.
    if (viewer !== 'client') {
      return (
        <Card>
          <EmptyState
            title={t(viewer === 'expert' ? 'dashboard.noAssignments' : 'dashboard.noDossiersAdmin')}
          >
            {t(viewer === 'expert' ? 'dashboard.noAssignmentsBody' : 'dashboard.noDossiersAdminBody')}
          </EmptyState>
        </Card>
      );
    }
    return (
      <Card>
        <EmptyState
          title={t('dashboard.noDossiers')}
          action={<ButtonLink to="/simulateur">{t('dashboard.startSimulation')}</ButtonLink>}
        >
          {t('dashboard.noDossiersBody')}
        </EmptyState>
      </Card>
    );
  }
  return (
    <section className="stack" aria-labelledby="dossiers-title">
      <div className="page-header">
        <div>
          <h2 id="dossiers-title">
            {t(
              viewer === 'expert'
                ? 'dashboard.expertDossiersTitle'
                : viewer === 'admin'
                  ? 'dashboard.allDossiersTitle'
                  : 'dashboard.dossiersTitle',
            )}
          </h2>
        </div>
        {viewer === 'client' && (
          <ButtonLink to="/simulateur" variant="secondary">
            {t('dashboard.rerun')}
          </ButtonLink>
        )}
      </div>
      <Table
        caption={t(
          viewer === 'expert'
            ? 'dashboard.expertDossiersTitle'
            : viewer === 'admin'
              ? 'dashboard.allDossiersTitle'
              : 'dashboard.dossiersTitle',
        )}
        rows={items}
        rowKey={(d) => d.id}
        columns={[
          {
            key: 'product',
            header: t('dashboard.product'),
            render: (d) => (
              <div>
                <Link to={`/dossiers/${d.id}`}>{labels.product(d.productCode, d.productName)}</Link>
                {viewer === 'client' && (
                  <div className="field-hint">{t(`dashboard.next.${nextStepKey(d.status, d.track)}`)}</div>
                )}
                {d.noLongerEligible && (
                  <span className="dossier-flag">{t('dashboard.noLongerEligible')}</span>
                )}
              </div>
            ),
          },
          ...(viewer === 'client'
            ? []
            : [
                {
                  key: 'client',
                  header: t('dashboard.clientCol'),
                  render: (d: DossierSummary) =>
                    d.client ? (
                      <div>
                        <strong>{d.client.companyName}</strong>
                        <span className="dossier-client">SIREN {formatSiren(d.client.siren)}</span>
                        <span className="dossier-client">{d.client.contactName}</span>
                      </div>
                    ) : (
                      '—'
                    ),
                },
              ]),
          {
            key: 'status',
            header: t('dashboard.statusCol'),
            render: (d) => (
              <Badge tone={d.status === 'eligible' ? 'info' : 'neutral'}>
                {t(`dossierStatus.${d.status}`)}
              </Badge>
            ),
          },
          {
            key: 'progress',
            header: t('dashboard.progress'),
            render: (d) =>
              d.progress === null ? (
                '—'
              ) : (
                <span className="progress-cell">
                  <span className="bar-track" aria-hidden="true">
                    <span className={`progress-bar progress-${Math.round(d.progress / 5) * 5}`} />
                  </span>
                  <span className="num">{d.progress} %</span>
                </span>
              ),
          },
          {
            key: 'estimate',
            header: t('dashboard.estimate'),
            numeric: true,
            render: (d) => {
              if (d.estimatedAmountCents === null)
                return <span className="muted">{t('dashboard.expertAmount')}</span>;
              const amount = formatEuros(d.estimatedAmountCents / 100, i18n.language);
              const period = periodOf[d.id];
              return period
                ? t(period === 'annual' ? 'dashboard.perYear' : 'dashboard.oneOff', { amount })
                : amount;
            },
          },
          ...(viewer === 'client'
            ? [
                {
                  key: 'deadline',
                  header: t('dashboard.deadline'),
                  render: (d: DossierSummary) => {
                    const deadline = deadlineOf.get(d.id);
                    if (!deadline) return t('dashboard.noDeadline');
                    return (
                      <span
                        // The catalogue's sentence is French: other languages keep the date alone.
                        title={(i18n.language === 'fr' && deadline.claimByText) || undefined}
                        data-testid={`deadline-${d.productCode}`}
                      >
                        {t('dashboard.claimBy', { date: formatDate(deadline.claimBy, i18n.language) })}
                      </span>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
    </section>
  );
}

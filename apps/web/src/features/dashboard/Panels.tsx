import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BarChart, Card, ErrorState, LoadingState } from '../../components/ui';
import { apiHref } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatCents, formatDateTime, formatEuros, formatMonth } from '../../lib/format';
import { useCatalogueLabels } from '../../lib/labels';
import { dashboardQueries } from './queries';

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <Card className="stat">
      <span className="muted">{label}</span>
      <span className="stat-value">{value}</span>
    </Card>
  );
}

export function ClientSummary() {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const data = useQuery(dashboardQueries.client());
  if (data.isPending) return <LoadingState />;
  if (data.isError)
    return <ErrorState message={errorMessage(data.error)} onRetry={() => void data.refetch()} />;
  const d = data.data;
  return (
    <div className="stat-grid">
      <Stat
        label={t('dashboard.stats.estimatedAnnual')}
        value={formatEuros(d.estimatedAnnualCents / 100, i18n.language)}
      />
      <Stat
        label={t('dashboard.stats.estimatedOneOff')}
        value={formatEuros(d.estimatedOneOffCents / 100, i18n.language)}
      />
      <Stat label={t('dashboard.stats.active')} value={String(d.activeDossiers)} />
      <Stat label={t('dashboard.stats.completed')} value={String(d.completedDossiers)} />
      <Stat label={t('dashboard.stats.realised')} value={formatCents(d.realisedCents, i18n.language)} />
    </div>
  );
}

export function ExpertSummary() {
  const { t, i18n } = useTranslation();
  const labels = useCatalogueLabels();
  const errorMessage = useErrorMessage();
  const data = useQuery(dashboardQueries.expert());
  if (data.isPending) return <LoadingState />;
  if (data.isError)
    return <ErrorState message={errorMessage(data.error)} onRetry={() => void data.refetch()} />;
  const d = data.data;
  return (
    <div className="stack">
      <Card title={t('dashboard.stats.proposals')}>
        {d.proposals.length === 0 ? (
          <p className="muted">{t('dashboard.stats.noProposals')}</p>
        ) : (
          <ul className="stack plain-list">
            {d.proposals.map((p) => (
              <li key={p.dossierId}>
                <Link to={`/dossiers/${p.dossierId}`}>{labels.product(p.productCode, p.productName)}</Link> —{' '}
                <span className="muted">
                  {t('dossier.answerBy', { date: formatDateTime(p.expiresAt, i18n.language) })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <div className="grid-2">
        <Card title={t('dashboard.stats.byStatus')}>
          <p className="muted">
            {t('dashboard.stats.inAudit')} :{' '}
            <strong>{formatEuros(d.inAuditCents / 100, i18n.language)}</strong>
          </p>
          <BarChart
            title={t('dashboard.stats.byStatus')}
            rows={Object.entries(d.byStatus).map(([status, count]) => ({
              label: t(`dossierStatus.${status}`),
              value: count,
              display: String(count),
            }))}
          />
        </Card>
        <Card title={t('dashboard.stats.fees')}>
          {d.feesByMonth.length === 0 ? (
            <p className="muted">{t('dashboard.stats.noFees')}</p>
          ) : (
            <BarChart
              title={t('dashboard.stats.fees')}
              rows={d.feesByMonth.map((f) => ({
                label: formatMonth(f.month, i18n.language),
                value: f.netCents,
                display: formatCents(f.netCents, i18n.language),
              }))}
            />
          )}
        </Card>
      </div>
    </div>
  );
}

export function AdminSummary() {
  const { t, i18n } = useTranslation();
  const labels = useCatalogueLabels();
  const errorMessage = useErrorMessage();
  const data = useQuery(dashboardQueries.admin());
  if (data.isPending) return <LoadingState />;
  if (data.isError)
    return <ErrorState message={errorMessage(data.error)} onRetry={() => void data.refetch()} />;
  const d = data.data;
  // A product nobody was estimated anything for says nothing on this chart ("0 € / 0,00 €").
  const withSavings = d.byProduct.filter((p) => p.estimatedCents > 0 || p.realisedCents > 0);
  return (
    <div className="stack">
      <div className="stat-grid">
        <Stat label={t('dashboard.stats.reviewsWaiting')} value={String(d.reviewsWaiting)} />
        <Stat label={t('dashboard.stats.pastSla')} value={String(d.pastSla.length)} />
      </div>
      <div className="grid-2">
        <Card title={t('dashboard.stats.pipeline')}>
          <BarChart
            title={t('dashboard.stats.pipeline')}
            rows={Object.entries(d.byStatus).map(([status, count]) => ({
              label: t(`dossierStatus.${status}`),
              value: count,
              display: String(count),
            }))}
          />
        </Card>
        <Card title={t('dashboard.stats.savingsByProduct')}>
          {withSavings.length === 0 ? (
            <p className="muted">{t('dashboard.stats.noSavings')}</p>
          ) : (
            <>
              <BarChart
                title={t('dashboard.stats.savingsByProduct')}
                rows={withSavings.map((p) => ({
                  label: labels.product(p.code, p.name),
                  value: p.estimatedCents,
                  display: `${formatEuros(p.estimatedCents / 100, i18n.language)} / ${formatCents(p.realisedCents, i18n.language)}`,
                }))}
              />
              <p className="field-hint">{t('dashboard.stats.estimatedVsRealised')}</p>
            </>
          )}
        </Card>
      </div>
      <Card title={t('dashboard.stats.pastSla')}>
        {d.pastSla.length === 0 ? (
          <p className="muted">{t('dashboard.stats.noSla')}</p>
        ) : (
          <ul className="stack plain-list">
            {d.pastSla.map((s) => (
              <li key={s.dossierId}>
                <Link to={`/dossiers/${s.dossierId}`}>{labels.product(s.productCode, s.productName)}</Link> —{' '}
                {t(`dossierStatus.${s.status}`)}{' '}
                <span className="muted">
                  {t('dashboard.stats.since', { date: formatDateTime(s.since, i18n.language) })}
                </span>
              </li>
            ))}
          </ul>
        )}
        <a className="btn btn-secondary mt-5" href={apiHref('GET /api/admin/dossiers.csv')} download>
          {t('dashboard.stats.exportCsv')}
        </a>
      </Card>
    </div>
  );
}

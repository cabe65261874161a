import type { DossierDetail } from '@ft/contracts';
import { FAILED_STATUSES, isFinalStatus } from '@ft/contracts/dossier-statuses';
import { type DossierStatus, statusesOfTrack, type Track } from '@ft/domain';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CurrentUser } from '../../app/RequireUser';
import { Badge, Card, ErrorState, LoadingState, PageHeader, type Tone } from '../../components/ui';
import { apiHref } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatCents, formatDate, formatDateTime, formatEuros } from '../../lib/format';
import { useCatalogueLabels } from '../../lib/labels';
import { DossierAppointments } from '../appointments/DossierAppointments';
import { DossierConversationButton } from '../messaging/DossierConversationButton';
import { ActionPanel } from './ActionPanel';
import { ClientCard, ClientProgress, formatSiren, SimulationAnswersCard } from './DossierContext';
import { EngagementsCard } from './EngagementsCard';
import { FeeSummary } from './FeeSummary';
import { ItemsCard } from './ItemsCard';
import { dossierQueries } from './queries';
import { RatingCard } from './RatingCard';

const isFailed = (status: string) => (FAILED_STATUSES as readonly string[]).includes(status);

function Steps({ dossier }: { dossier: DossierDetail }) {
  const { t } = useTranslation();
  const path = statusesOfTrack(dossier.track as Track).filter((status) => !isFailed(status));
  const current = path.indexOf(dossier.status as DossierStatus);
  return (
    <ol className="steps-track" aria-label={t('dossier.stepsTitle')}>
      {path.map((status, index) => (
        <li
          key={status}
          className={index < current ? 'done' : index === current ? 'current' : ''}
          aria-current={index === current ? 'step' : undefined}
        >
          {t(`dossierStatus.${status}`)}
        </li>
      ))}
    </ol>
  );
}

function Timeline({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const timeline = useQuery(dossierQueries.timeline(id));
  if (!timeline.data) return <LoadingState />;
  if (timeline.data.events.length === 0) return <p className="muted">{t('dossier.noEvents')}</p>;
  return (
    <ol className="timeline">
      {timeline.data.events.map((event) => (
        <li key={event.id}>
          {/* Past-tense events ("Audit rendu"), not the buttons' commands. */}
          <strong>
            {event.action.startsWith('appointment.')
              ? t(`appointments.timeline.${event.action.slice('appointment.'.length)}`)
              : t(`dossier.events.${event.action}`, { defaultValue: t('dossier.events.unknown') })}
          </strong>
          {/* Which file: a run of "Pièce déposée" alone does not say what arrived. */}
          {typeof event.details.fileName === 'string' && (
            <>
              {'\u00a0'}: {event.details.fileName}
            </>
          )}
          {event.action === 'force-transition' && event.toStatus && (
            <> ({t('dossier.events.newStatus', { status: t(`dossierStatus.${event.toStatus}`) })})</>
          )}
          <span className="muted"> · {formatDateTime(event.createdAt, i18n.language)}</span>
          {typeof event.details.reason === 'string' && <div className="muted">{event.details.reason}</div>}
          {typeof event.details.report === 'string' && (
            <div className="timeline-report">{event.details.report}</div>
          )}
        </li>
      ))}
    </ol>
  );
}

function DossierView({ id, viewer }: { id: string; viewer: 'client' | 'expert' | 'admin' }) {
  const { t, i18n } = useTranslation();
  const labels = useCatalogueLabels();
  const errorMessage = useErrorMessage();
  const dossier = useQuery(dossierQueries.detail(id));
  if (dossier.isPending) return <LoadingState />;
  if (dossier.isError)
    return <ErrorState message={errorMessage(dossier.error)} onRetry={() => void dossier.refetch()} />;
  const d = dossier.data;
  const tone: Tone = isFailed(d.status) ? 'danger' : d.status === 'completed' ? 'success' : 'info';
  return (
    <div className="stack">
      <p>
        <Link to="/espace">← {t('nav.dashboard')}</Link>
      </p>
      <PageHeader
        title={labels.product(d.productCode, d.productName)}
        description={
          [
            d.client && viewer !== 'client'
              ? `${d.client.companyName} · SIREN ${formatSiren(d.client.siren)}`
              : null,
            // No sourced formula (simulator v2): the expert establishes the amount.
            t('dossier.estimateLine', {
              amount:
                d.estimatedAmountCents !== null
                  ? formatEuros(d.estimatedAmountCents / 100, i18n.language)
                  : t('dashboard.expertAmount'),
            }),
          ]
            .filter(Boolean)
            .join(' — ') || undefined
        }
        actions={
          <>
            <Badge tone={tone}>{t(`dossierStatus.${d.status}`)}</Badge>
            <DossierConversationButton dossierId={d.id} />
          </>
        }
      />
      {viewer === 'client' ? (
        <ClientProgress dossier={d} />
      ) : (
        <Card>
          <Steps dossier={d} />
          {d.closingReason && <p className="muted">{d.closingReason}</p>}
        </Card>
      )}
      <ActionPanel dossier={d} />
      {viewer !== 'client' && (
        <div className="grid-2 grid-top">
          {d.client && <ClientCard client={d.client} />}
          <SimulationAnswersCard answers={d.simulationAnswers} />
        </div>
      )}
      {d.assignment?.status === 'accepted' && <EngagementsCard dossier={d} viewer={viewer} />}
      <div className="grid-2 grid-top">
        <Card title={t('dossier.expertTitle')}>
          {d.assignment ? (
            <p>
              {d.assignment.firmName} ·{' '}
              <Badge tone={d.assignment.status === 'accepted' ? 'success' : 'warning'}>
                {t(`dossier.assignment.${d.assignment.status}`)}
              </Badge>
              {d.assignment.status === 'proposed' && (
                <span className="muted">
                  {' '}
                  · {t('dossier.answerBy', { date: formatDateTime(d.assignment.expiresAt, i18n.language) })}
                </span>
              )}
            </p>
          ) : (
            <p className="muted">{t('dossier.noExpert')}</p>
          )}
          {d.finalAmountCents !== null && (
            <p>
              {t('dossier.fields.finalAmountCents')} :{' '}
              <strong>{formatCents(d.finalAmountCents, i18n.language)}</strong> (
              {t('dossier.revision', { count: d.auditRevision })})
            </p>
          )}
          {d.auditReport && <p className="muted">{d.auditReport}</p>}
          {d.fees && <FeeSummary fees={d.fees} expertName={d.assignment?.firmName ?? ''} />}
          {d.quoteAmountCents !== null && (
            <p>
              {t('dossier.fields.amountCents')} :{' '}
              <strong>{formatCents(d.quoteAmountCents, i18n.language)}</strong>
              {d.quoteValidUntil &&
                ` · ${t('dossier.validUntil', { date: formatDate(d.quoteValidUntil, i18n.language) })}`}
            </p>
          )}
        </Card>
        <ItemsCard
          dossier={d}
          canUpload={viewer === 'client' && !isFinalStatus(d.status)}
          canReview={viewer !== 'client' && !isFinalStatus(d.status)}
        />
      </div>
      {d.invoice && (
        <Card title={t('dossier.invoiceTitle', { number: d.invoice.number })}>
          <p>
            {t('dossier.totalInclVat')} :{' '}
            <strong>{formatCents(d.invoice.totalInclVatCents, i18n.language)}</strong> ·{' '}
            {t('dossier.dueOn', { date: formatDate(d.invoice.dueOn, i18n.language) })} ·{' '}
            <Badge tone={d.invoice.status === 'paid' ? 'success' : 'info'}>
              {t(`invoices.status.${d.invoice.status}`)}
            </Badge>
          </p>
          <p className="field-hint">{t('invoices.facturxNote')}</p>
          <div className="row">
            <a
              className="btn btn-secondary"
              href={apiHref('GET /api/dossiers/:id/invoice.pdf', { id: d.id })}
              download
            >
              {t('dossier.downloadInvoice')}
            </a>
            <a
              className="btn btn-ghost"
              href={apiHref('GET /api/invoices/:id/factur-x.xml', { id: d.invoice.id })}
              download
            >
              {t('invoices.downloadXml')}
            </a>
          </div>
        </Card>
      )}
      {d.assignment?.status === 'accepted' && (
        <DossierAppointments
          dossierId={d.id}
          expertId={d.assignment.expertId}
          expertContact={{ phone: d.assignment.phone, meetingLink: d.assignment.meetingLink }}
          canBook={viewer !== 'admin' && !isFinalStatus(d.status)}
        />
      )}
      <RatingCard dossier={d} canRate={viewer === 'client'} />
      <Card title={t('dossier.timelineTitle')}>
        <Timeline id={d.id} />
      </Card>
    </div>
  );
}

export function DossierPage() {
  const { id = '' } = useParams();
  return (
    <div className="container page">
      <CurrentUser>{(me) => <DossierView id={id} viewer={me.user.role} />}</CurrentUser>
    </div>
  );
}

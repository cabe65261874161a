import type { ClientProfile, ExpertProfile, MeResponse } from '@ft/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CurrentUser } from '../../app/RequireUser';
import {
  Alert,
  Badge,
  Button,
  ButtonLink,
  Card,
  ErrorState,
  LoadingState,
  PageHeader,
  useToast,
} from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { adminQueries } from '../admin/queries';
import { DossierList } from './DossierList';
import { AdminSummary, ClientSummary, ExpertSummary } from './Panels';

function VerifyEmailBanner() {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const resend = useMutation({
    mutationFn: () => apiRequest('POST /api/auth/verify-email/resend'),
    onSuccess: () => notify(t('dashboard.resent'), 'success'),
    onError: (error) => notify(errorMessage(error), 'danger'),
  });
  return (
    <Alert tone="info">
      <div className="row">
        <span>{t('dashboard.verifyBanner')}</span>
        <Button size="sm" variant="secondary" loading={resend.isPending} onClick={() => resend.mutate()}>
          {t('dashboard.resend')}
        </Button>
      </div>
    </Alert>
  );
}

function ClientDashboard({ me, profile }: { me: MeResponse; profile: ClientProfile }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeader
        title={t('dashboard.clientTitle', { name: profile.firstName })}
        description={t('dashboard.clientLead', { company: profile.companyName })}
      />
      {!me.user.emailVerified && <VerifyEmailBanner />}
      <ClientSummary />
      <DossierList viewer="client" />
    </div>
  );
}

function ExpertDashboard({ me, profile }: { me: MeResponse; profile: ExpertProfile }) {
  const { t } = useTranslation();
  if (me.user.status !== 'active') {
    const title = {
      pending: t('dashboard.pendingTitle'),
      rejected: t('dashboard.rejectedTitle'),
      suspended: t('dashboard.suspendedTitle'),
    }[me.user.status];
    return (
      <div className="stack">
        <PageHeader
          title={title}
          actions={
            <Badge tone={me.user.status === 'pending' ? 'warning' : 'danger'}>
              {t(`status.${me.user.status}`)}
            </Badge>
          }
        />
        <Card>
          {me.user.status === 'pending' && <p>{t('dashboard.pendingBody', { name: profile.firstName })}</p>}
          {profile.decisionReason && <p>{t('dashboard.reason', { reason: profile.decisionReason })}</p>}
          <ButtonLink to="/compte" variant="secondary">
            {t('dashboard.completeProfile')}
          </ButtonLink>
        </Card>
      </div>
    );
  }
  return (
    <div className="stack">
      <PageHeader
        title={t('dashboard.expertTitle', { name: profile.firstName })}
        description={t('dashboard.expertLead')}
      />
      {!me.user.emailVerified && <VerifyEmailBanner />}
      <ExpertSummary />
      <DossierList viewer="expert" />
    </div>
  );
}

function AdminDashboard() {
  const { t, i18n } = useTranslation();
  const errorMessage = useErrorMessage();
  const pending = useQuery(adminQueries.pendingExperts());
  const alerts = useQuery(adminQueries.lockedAccounts());
  return (
    <div className="stack">
      <PageHeader title={t('dashboard.adminTitle')} />
      <div className="grid-2">
        <Card title={t('dashboard.pendingExperts')}>
          {pending.isPending && <LoadingState />}
          {pending.isError && (
            <ErrorState message={errorMessage(pending.error)} onRetry={() => void pending.refetch()} />
          )}
          {pending.data && (
            <div className="stack">
              {/* A figure like the other dashboard cards', not a right-aligned table cell. */}
              <p className="stat-value" data-testid="pending-experts-count">
                {pending.data.nextCursor ? '100+' : pending.data.items.length}
              </p>
              <ButtonLink to="/admin/experts?statut=pending" variant="secondary">
                {t('dashboard.reviewExperts')}
              </ButtonLink>
            </div>
          )}
        </Card>
        <Card title={t('dashboard.alerts')}>
          {alerts.isPending && <LoadingState />}
          {alerts.isError && (
            <ErrorState message={errorMessage(alerts.error)} onRetry={() => void alerts.refetch()} />
          )}
          {alerts.data && alerts.data.items.length === 0 && (
            <p className="muted">{t('dashboard.noAlerts')}</p>
          )}
          {alerts.data && alerts.data.items.length > 0 && (
            <ul className="stack">
              {alerts.data.items.map((event) => (
                <li key={event.id}>
                  <Badge tone="danger">{String(event.details.email ?? '')}</Badge>{' '}
                  <span className="muted">{formatDateTime(event.createdAt, i18n.language)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <AdminSummary />
      <DossierList viewer="admin" />
    </div>
  );
}

export function DashboardPage() {
  return (
    <div className="container page">
      <CurrentUser>
        {(me) => {
          if (me.profile.kind === 'client') return <ClientDashboard me={me} profile={me.profile} />;
          if (me.profile.kind === 'expert') return <ExpertDashboard me={me} profile={me.profile} />;
          return <AdminDashboard />;
        }}
      </CurrentUser>
    </div>
  );
}

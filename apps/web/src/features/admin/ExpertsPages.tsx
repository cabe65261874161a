import type { AdminExpert } from '@ft/contracts';
import { type ExpertApprovalStatus, expertApprovalStatuses } from '@ft/contracts/ui-constants';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { CurrentUser } from '../../app/RequireUser';
import {
  Badge,
  Button,
  Card,
  ConfirmDialog,
  ErrorState,
  LoadingState,
  PageHeader,
  SelectField,
  Table,
  TextAreaField,
  TextField,
  type Tone,
  useToast,
} from '../../components/ui';
import { ApiError } from '../../lib/api';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import { formatSiren } from '../dossiers/DossierContext';
import { ExpertFeesForm } from './ExpertFeesForm';
import { ListFrame } from './ListFrame';
import { adminKeys, adminQueries, useCursorList } from './queries';

export const STATUS_TONE: Record<ExpertApprovalStatus, Tone> = {
  pending: 'warning',
  approved: 'success',
  rejected: 'danger',
  suspended: 'neutral',
};

export function AdminExpertsPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status = expertApprovalStatuses.find((value) => value === params.get('statut'));
  const q = params.get('q') ?? '';
  const list = useCursorList(adminKeys.experts, 'GET /api/admin/experts', { status, q });
  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setParams({ statut: String(data.get('statut') ?? ''), q: String(data.get('q') ?? '') });
  };
  return (
    <div className="container page">
      <CurrentUser>
        {() => (
          <div className="stack">
            <PageHeader title={t('admin.expertsTitle')} description={t('admin.expertsLead')} />
            <form className="grid-2" onSubmit={onSearch}>
              <SelectField
                label={t('admin.status')}
                name="statut"
                defaultValue={status ?? ''}
                options={[
                  { value: '', label: t('admin.all') },
                  ...(['pending', 'approved', 'rejected', 'suspended'] as const).map((s) => ({
                    value: s,
                    label: t(`status.${s}`),
                  })),
                ]}
              />
              <div className="row">
                <TextField label={t('common.search')} name="q" defaultValue={q} type="search" />
                <Button type="submit" variant="secondary">
                  {t('common.search')}
                </Button>
              </div>
            </form>
            <ListFrame query={list} empty={t('admin.noExperts')}>
              {(items) => (
                <Table
                  caption={t('admin.expertsTitle')}
                  rows={items}
                  rowKey={(e) => e.id}
                  columns={[
                    {
                      key: 'firm',
                      header: t('admin.firm'),
                      render: (e) => <Link to={`/admin/experts/${e.id}`}>{e.firmName}</Link>,
                    },
                    {
                      key: 'contact',
                      header: t('admin.contact'),
                      render: (e) => `${e.firstName} ${e.lastName} · ${e.email}`,
                    },
                    {
                      key: 'status',
                      header: t('admin.status'),
                      render: (e) => (
                        <Badge tone={STATUS_TONE[e.approvalStatus]}>{t(`status.${e.approvalStatus}`)}</Badge>
                      ),
                    },
                    {
                      key: 'years',
                      header: t('auth.years'),
                      numeric: true,
                      render: (e) => e.yearsOfExperience,
                    },
                    {
                      key: 'created',
                      header: t('admin.registered'),
                      numeric: true,
                      render: (e) => formatDate(e.createdAt, i18n.language),
                    },
                  ]}
                />
              )}
            </ListFrame>
          </div>
        )}
      </CurrentUser>
    </div>
  );
}

type Decision = 'approve' | 'reject' | 'suspend' | 'reactivate';
const DECISIONS: Record<ExpertApprovalStatus, Decision[]> = {
  pending: ['approve', 'reject'],
  rejected: ['approve'],
  approved: ['suspend'],
  suspended: ['reactivate'],
};
const CONFIRM_KEY: Record<Decision, string> = {
  approve: 'admin.confirmApprove',
  reject: 'admin.confirmReject',
  suspend: 'admin.confirmSuspend',
  reactivate: 'admin.confirmReactivate',
};

function ExpertDecisions({ expert }: { expert: AdminExpert }) {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<Decision | null>(null);
  const [reason, setReason] = useState('');
  const needsReason = pending === 'reject' || pending === 'suspend';
  const decide = useMutation({
    mutationFn: (decision: Decision) =>
      apiRequest(`POST /api/admin/experts/:id/${decision}`, {
        params: { id: expert.id },
        body: needsReason ? { reason } : {},
      }),
    onSuccess: (updated) => {
      queryClient.setQueryData(adminKeys.expert(expert.id), updated);
      void queryClient.invalidateQueries({ queryKey: adminKeys.experts });
      notify(t('admin.decisionDone'), 'success');
      setPending(null);
      setReason('');
    },
  });
  const reasonError = decide.error instanceof ApiError ? decide.error.byField.reason : undefined;
  return (
    <div className="row">
      {DECISIONS[expert.approvalStatus].map((decision) => (
        <Button
          key={decision}
          variant={decision === 'reject' || decision === 'suspend' ? 'danger' : 'primary'}
          onClick={() => setPending(decision)}
        >
          {t(`admin.${decision}`)}
        </Button>
      ))}
      <ConfirmDialog
        open={pending !== null}
        title={pending ? t(`admin.${pending}`) : ''}
        message={pending ? t(CONFIRM_KEY[pending], { firm: expert.firmName }) : ''}
        confirmLabel={pending ? t(`admin.${pending}`) : ''}
        danger={needsReason}
        loading={decide.isPending}
        onConfirm={() => pending && decide.mutate(pending)}
        onCancel={() => {
          setPending(null);
          decide.reset();
        }}
      >
        {needsReason && (
          <TextAreaField
            label={t('admin.reason')}
            hint={t('admin.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={reasonError}
            required
          />
        )}
        {decide.error && !reasonError && <p className="field-error">{errorMessage(decide.error)}</p>}
      </ConfirmDialog>
    </div>
  );
}

export function AdminExpertPage() {
  const { id = '' } = useParams();
  return (
    <div className="container page">
      <CurrentUser>{() => <ExpertDetail id={id} />}</CurrentUser>
    </div>
  );
}

function ExpertDetail({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const errorMessage = useErrorMessage();
  const expert = useQuery(adminQueries.expert(id));
  if (expert.isPending) return <LoadingState />;
  if (expert.isError)
    return <ErrorState message={errorMessage(expert.error)} onRetry={() => void expert.refetch()} />;
  const e = expert.data;
  return (
    <div className="stack">
      <p>
        <Link to="/admin/experts">← {t('admin.expertsTitle')}</Link>
      </p>
      <PageHeader
        title={e.firmName}
        description={`${e.firstName} ${e.lastName} · ${e.email}`}
        actions={<Badge tone={STATUS_TONE[e.approvalStatus]}>{t(`status.${e.approvalStatus}`)}</Badge>}
      />
      <Card>
        <dl className="grid-2">
          <div>
            <dt className="muted">{t('auth.siren')}</dt>
            <dd>{formatSiren(e.siren)}</dd>
          </div>
          <div>
            <dt className="muted">{t('auth.years')}</dt>
            <dd>{t('admin.experience', { count: e.yearsOfExperience })}</dd>
          </div>
          <div>
            {/* The admin reads about the expert: "Dispositifs traités", not the sign-up's "que vous traitez". */}
            <dt className="muted">{t('admin.expertProducts')}</dt>
            <dd>{e.productCodes.map((code) => t(`products.${code}`)).join(', ')}</dd>
          </div>
          <div>
            <dt className="muted">{t('admin.registered')}</dt>
            <dd>{formatDate(e.createdAt, language)}</dd>
          </div>
          <div>
            <dt className="muted">{t('auth.phone')}</dt>
            <dd>{e.phone ?? '—'}</dd>
          </div>
          {e.decisionReason && (
            <div>
              <dt className="muted">{t('admin.reason')}</dt>
              <dd>{e.decisionReason}</dd>
            </div>
          )}
        </dl>
        <h3>{t('auth.bio')}</h3>
        <p>{e.bio || '—'}</p>
      </Card>
      <ExpertFeesForm expert={e} />
      <ExpertDecisions expert={e} />
    </div>
  );
}

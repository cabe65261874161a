import type { SessionInfo } from '@ft/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  Alert,
  Badge,
  Button,
  Card,
  type Column,
  ConfirmDialog,
  ErrorState,
  LoadingState,
  Table,
  TextField,
  useToast,
} from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { textOf, useFormSubmit } from '../../lib/forms';
import { sessionKeys } from '../../lib/session';
import { describeDevice } from './device';
import { accountKeys, accountQueries } from './queries';

function ChangePassword() {
  const { t } = useTranslation();
  const notify = useToast();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormSubmit(
    (values) =>
      apiRequest('POST /api/auth/password', {
        body: { currentPassword: textOf(values.currentPassword), newPassword: textOf(values.newPassword) },
      }),
    () => {
      notify(t('account.passwordChanged'), 'success');
      formRef.current?.reset();
      void queryClient.invalidateQueries({ queryKey: accountKeys.sessions });
    },
  );
  return (
    <Card title={t('account.changePassword')}>
      <form ref={formRef} className="stack" onSubmit={form.onSubmit} noValidate>
        {form.formError && <Alert tone="danger">{form.formError}</Alert>}
        <TextField
          label={t('account.currentPassword')}
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={form.fieldErrors.currentPassword}
        />
        <TextField
          label={t('account.newPassword')}
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={t('auth.passwordHint')}
          required
          error={form.fieldErrors.newPassword}
        />
        <div>
          <Button type="submit" loading={form.pending}>
            {t('account.changePassword')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function Sessions() {
  const { t, i18n } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirmAll, setConfirmAll] = useState(false);
  const sessions = useQuery(accountQueries.sessions());
  const close = useMutation({
    mutationFn: (id: string) => apiRequest('DELETE /api/auth/sessions/:id', { params: { id } }),
    onSuccess: () => {
      notify(t('account.sessionClosed'), 'success');
      void sessions.refetch();
    },
    onError: (error) => notify(errorMessage(error), 'danger'),
  });
  const logoutAll = useMutation({
    mutationFn: () => apiRequest('POST /api/auth/logout-all'),
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.me, null);
      void navigate('/connexion');
    },
    onError: (error) => notify(errorMessage(error), 'danger'),
  });

  const deviceName = (userAgent: string | null) => {
    const device = describeDevice(userAgent);
    if (!device) return t('account.unknownDevice');
    if (device.browser && device.os) return t('account.deviceOn', { browser: device.browser, os: device.os });
    return device.browser ?? device.os;
  };

  const columns: Column<SessionInfo>[] = [
    {
      key: 'device',
      header: t('account.device'),
      render: (s) => (
        <div className="stack">
          <span title={s.userAgent ?? undefined}>{deviceName(s.userAgent)}</span>
          <span className="muted">{s.ip}</span>
          {s.current && <Badge tone="success">{t('account.thisDevice')}</Badge>}
        </div>
      ),
    },
    {
      key: 'lastSeen',
      header: t('account.lastSeen'),
      render: (s) => formatDateTime(s.lastSeenAt, i18n.language),
    },
    {
      key: 'created',
      header: t('account.createdAt'),
      render: (s) => formatDateTime(s.createdAt, i18n.language),
    },
    {
      key: 'actions',
      header: <span className="visually-hidden">{t('account.closeSession')}</span>,
      render: (s) =>
        s.current ? null : (
          <Button
            size="sm"
            variant="secondary"
            onClick={() => close.mutate(s.id)}
            loading={close.isPending && close.variables === s.id}
          >
            {t('account.closeSession')}
          </Button>
        ),
    },
  ];

  return (
    <Card title={t('account.sessions')}>
      <p className="muted">{t('account.sessionsLead')}</p>
      {sessions.isPending && <LoadingState />}
      {sessions.isError && (
        <ErrorState message={errorMessage(sessions.error)} onRetry={() => void sessions.refetch()} />
      )}
      {sessions.data && (
        <Table
          caption={t('account.sessions')}
          columns={columns}
          rows={sessions.data.sessions}
          rowKey={(s) => s.id}
        />
      )}
      <div className="mt-5">
        <Button variant="danger" onClick={() => setConfirmAll(true)}>
          {t('account.logoutAll')}
        </Button>
      </div>
      <ConfirmDialog
        open={confirmAll}
        title={t('account.logoutAll')}
        message={t('account.logoutAllConfirm')}
        confirmLabel={t('account.logoutAll')}
        danger
        loading={logoutAll.isPending}
        onConfirm={() => logoutAll.mutate()}
        onCancel={() => setConfirmAll(false)}
      />
    </Card>
  );
}

export function SecurityPanel() {
  return (
    <div className="stack">
      <ChangePassword />
      <Sessions />
    </div>
  );
}

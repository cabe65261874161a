import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrentUser } from '../../app/RequireUser';
import {
  Alert,
  Badge,
  Button,
  Card,
  ErrorState,
  LoadingState,
  PageHeader,
  TextAreaField,
  TextField,
  useToast,
} from '../../components/ui';
import { ApiError } from '../../lib/api';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';

type Template = {
  id: string;
  kind: 'mission' | 'mandate';
  version: number;
  title: string;
  body: string;
  createdAt: string;
};

function TemplateEditor({ latest, history }: { latest: Template; history: Template[] }) {
  const { t, i18n } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [showHistory, setShowHistory] = useState(false);
  const publish = useMutation({
    mutationFn: (body: { kind: Template['kind']; title: string; body: string }) =>
      apiRequest('POST /api/admin/engagement-templates', { body }),
    onSuccess: (data) => {
      queryClient.setQueryData(['admin', 'engagement-templates'], data);
      notify(t('templates.published'), 'success');
    },
  });
  const errors = publish.error instanceof ApiError ? publish.error.byField : {};
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    publish.mutate({
      kind: latest.kind,
      title: String(data.get('title') ?? ''),
      body: String(data.get('body') ?? ''),
    });
  };
  return (
    <Card title={`${t(`templates.kind.${latest.kind}`)} · v${latest.version}`}>
      <form className="stack" onSubmit={onSubmit} noValidate key={latest.id}>
        {publish.error && Object.keys(errors).length === 0 && (
          <Alert tone="danger">{errorMessage(publish.error)}</Alert>
        )}
        <TextField
          label={t('templates.titleField')}
          name="title"
          defaultValue={latest.title}
          error={errors.title}
        />
        <TextAreaField
          label={t('templates.body')}
          name="body"
          rows={16}
          defaultValue={latest.body}
          hint={t('templates.placeholders')}
          error={errors.body}
        />
        <div className="row">
          <Button type="submit" loading={publish.isPending}>
            {t('templates.publish')}
          </Button>
          <Button variant="ghost" onClick={() => setShowHistory(!showHistory)}>
            {t('templates.history', { count: history.length })}
          </Button>
        </div>
      </form>
      {showHistory && (
        <ul className="stack">
          {history.map((version) => (
            <li key={version.id}>
              <Badge tone="info">v{version.version}</Badge> {version.title} ·{' '}
              <span className="muted">{formatDateTime(version.createdAt, i18n.language)}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Templates() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const templates = useQuery({
    queryKey: ['admin', 'engagement-templates'],
    queryFn: () => apiRequest('GET /api/admin/engagement-templates'),
  });
  if (templates.isPending) return <LoadingState />;
  if (templates.isError)
    return <ErrorState message={errorMessage(templates.error)} onRetry={() => void templates.refetch()} />;
  const byKind = (kind: Template['kind']) => templates.data.templates.filter((tpl) => tpl.kind === kind);
  return (
    <div className="stack">
      <PageHeader title={t('templates.pageTitle')} description={t('templates.pageDescription')} />
      {(['mission', 'mandate'] as const).map((kind) => {
        const [latest] = byKind(kind);
        return latest ? <TemplateEditor key={kind} latest={latest} history={byKind(kind)} /> : null;
      })}
    </div>
  );
}

export function AdminTemplatesPage() {
  return (
    <div className="container page">
      <CurrentUser>{() => <Templates />}</CurrentUser>
    </div>
  );
}

import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, TextField } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { textOf, useFormSubmit } from '../../lib/forms';
import { usePageTitle } from '../../lib/page-title';
import { useSessionStarted } from '../../lib/session';
import { secondStepPath } from './second-factor-routing';

/** Only same-site paths are followed after login, never an absolute URL (open redirect). */
export function safeNext(value: string | null): string {
  return value?.startsWith('/') && !value.startsWith('//') ? value : '/espace';
}

export function LoginPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.loginTitle'));
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const started = useSessionStarted();
  const form = useFormSubmit(
    (values) =>
      apiRequest('POST /api/auth/login', {
        body: { email: textOf(values.email), password: textOf(values.password) },
      }),
    async (response) => {
      await started(response);
      const next = safeNext(params.get('suite'));
      void navigate(secondStepPath(response.secondFactor, next) ?? next);
    },
  );
  return (
    <div className="container page">
      <Card className="auth-card">
        <h1>{t('auth.loginTitle')}</h1>
        <p className="muted">{t('auth.loginLead')}</p>
        <form className="stack" onSubmit={form.onSubmit} noValidate>
          {form.formError && <Alert tone="danger">{form.formError}</Alert>}
          <TextField
            label={t('auth.email')}
            name="email"
            type="email"
            autoComplete="email"
            required
            error={form.fieldErrors.email}
          />
          <TextField
            label={t('auth.password')}
            name="password"
            type="password"
            autoComplete="current-password"
            required
            error={form.fieldErrors.password}
          />
          <Button type="submit" block loading={form.pending}>
            {t('auth.loginSubmit')}
          </Button>
        </form>
        <div className="stack mt-5">
          <Link to="/mot-de-passe-oublie">{t('auth.forgot')}</Link>
          <span>
            {t('auth.noAccount')} <Link to="/inscription">{t('auth.createClient')}</Link>
          </span>
          <Link to="/inscription/expert">{t('auth.expertLink')}</Link>
        </div>
      </Card>
    </div>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, ButtonLink, Card, LoadingState, TextField } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { textOf, useFormSubmit } from '../../lib/forms';
import { usePageTitle } from '../../lib/page-title';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.forgotTitle'));
  const form = useFormSubmit((values) =>
    apiRequest('POST /api/auth/password-reset/request', { body: { email: textOf(values.email) } }),
  );
  return (
    <div className="container page">
      <Card className="auth-card">
        <h1>{t('auth.forgotTitle')}</h1>
        {form.done ? (
          <Alert tone="success">{t('auth.forgotSent')}</Alert>
        ) : (
          <form className="stack" onSubmit={form.onSubmit} noValidate>
            <p className="muted">{t('auth.forgotLead')}</p>
            {form.formError && <Alert tone="danger">{form.formError}</Alert>}
            <TextField
              label={t('auth.email')}
              name="email"
              type="email"
              autoComplete="email"
              required
              error={form.fieldErrors.email}
            />
            <Button type="submit" block loading={form.pending}>
              {t('auth.forgotSubmit')}
            </Button>
          </form>
        )}
        <p className="mt-5">
          <Link to="/connexion">{t('nav.login')}</Link>
        </p>
      </Card>
    </div>
  );
}

export function ResetPasswordPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.resetTitle'));
  const [params] = useSearchParams();
  const token = params.get('token');
  const form = useFormSubmit((values) =>
    apiRequest('POST /api/auth/password-reset', {
      body: { token: token ?? '', password: textOf(values.password) },
    }),
  );
  return (
    <div className="container page">
      <Card className="auth-card">
        <h1>{t('auth.resetTitle')}</h1>
        {!token && <Alert tone="danger">{t('auth.missingToken')}</Alert>}
        {token && form.done && (
          <div className="stack">
            <Alert tone="success">{t('auth.resetDone')}</Alert>
            <ButtonLink to="/connexion">{t('nav.login')}</ButtonLink>
          </div>
        )}
        {token && !form.done && (
          <form className="stack" onSubmit={form.onSubmit} noValidate>
            {form.formError && <Alert tone="danger">{form.formError}</Alert>}
            <TextField
              label={t('account.newPassword')}
              name="password"
              type="password"
              autoComplete="new-password"
              hint={t('auth.passwordHint')}
              required
              error={form.fieldErrors.password}
            />
            <Button type="submit" block loading={form.pending}>
              {t('auth.resetSubmit')}
            </Button>
          </form>
        )}
      </Card>
    </div>
  );
}

export function VerifyEmailPage() {
  const { t } = useTranslation();
  usePageTitle(t('auth.verifyTitle'));
  const errorMessage = useErrorMessage();
  const [params] = useSearchParams();
  const token = params.get('token');
  const verify = useMutation({
    mutationFn: (value: string) => apiRequest('POST /api/auth/verify-email', { body: { token: value } }),
  });
  const { mutate } = verify;
  // A verification link works once: never send it twice (StrictMode re-runs effects in development).
  const sent = useRef(false);
  useEffect(() => {
    if (!token || sent.current) return;
    sent.current = true;
    mutate(token);
  }, [token, mutate]);
  return (
    <div className="container page">
      <Card className="auth-card">
        <h1>{t('auth.verifyTitle')}</h1>
        {!token && <Alert tone="danger">{t('auth.missingToken')}</Alert>}
        {token && verify.isPending && <LoadingState label={t('auth.verifying')} />}
        {verify.isSuccess && <Alert tone="success">{t('auth.verified')}</Alert>}
        {verify.isError && <Alert tone="danger">{errorMessage(verify.error)}</Alert>}
        <p className="mt-5">
          <Link to="/espace">{t('nav.dashboard')}</Link>
        </p>
      </Card>
    </div>
  );
}

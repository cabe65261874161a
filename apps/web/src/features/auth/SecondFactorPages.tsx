import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Checkbox, LoadingState, TextField } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { textOf, useFormSubmit } from '../../lib/forms';
import { usePageTitle } from '../../lib/page-title';
import { ME_KEY, useSession } from '../../lib/session';
import { safeNext } from './LoginPage';
import { TotpEnrolment } from './TotpEnrolment';

/** Once the second step is passed: the cached session is reloaded, then on to where the user was going. */
function useSecondStepDone() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return async () => {
    queryClient.clear();
    await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: () => apiRequest('GET /api/auth/me') });
    void navigate(safeNext(params.get('suite')), { replace: true });
  };
}

/** The second step of sign-in: a code from the authenticator app, or a recovery code. */
export function SecondFactorPage() {
  const { t } = useTranslation();
  usePageTitle(t('twoFactor.verifyTitle'));
  const me = useSession();
  const done = useSecondStepDone();
  const [recovery, setRecovery] = useState(false);
  const form = useFormSubmit(
    (values) =>
      apiRequest('POST /api/auth/2fa/verify', {
        body: {
          ...(recovery ? { recoveryCode: textOf(values.code) } : { code: textOf(values.code) }),
          rememberDevice: (values.rememberDevice?.length ?? 0) > 0,
        },
      }),
    () => void done(),
  );
  if (me.isPending) return <LoadingState />;
  if (!me.data) return <Navigate to="/connexion" replace />;
  return (
    <div className="container page">
      <Card className="auth-card">
        <h1>{t('twoFactor.verifyTitle')}</h1>
        <p className="muted">{recovery ? t('twoFactor.recoveryLead') : t('twoFactor.verifyLead')}</p>
        <form className="stack" onSubmit={form.onSubmit} noValidate key={recovery ? 'recovery' : 'totp'}>
          {form.formError && <Alert tone="danger">{form.formError}</Alert>}
          <TextField
            label={recovery ? t('twoFactor.recoveryCode') : t('twoFactor.code')}
            name="code"
            inputMode={recovery ? 'text' : 'numeric'}
            autoComplete="one-time-code"
            autoFocus
            required
            error={form.fieldErrors.code ?? form.fieldErrors.recoveryCode}
          />
          <Checkbox name="rememberDevice" label={t('twoFactor.rememberDevice')} />
          <Button type="submit" block loading={form.pending}>
            {t('twoFactor.verifySubmit')}
          </Button>
        </form>
        <div className="mt-5">
          <Button variant="ghost" onClick={() => setRecovery((value) => !value)}>
            {recovery ? t('twoFactor.useApp') : t('twoFactor.useRecovery')}
          </Button>
        </div>
      </Card>
    </div>
  );
}

/** Enrolment forced at sign-in (staff, or everyone when an admin requires it). */
export function EnrolSecondFactorPage() {
  const { t } = useTranslation();
  usePageTitle(t('twoFactor.enrolTitle'));
  const me = useSession();
  const done = useSecondStepDone();
  if (me.isPending) return <LoadingState />;
  if (!me.data) return <Navigate to="/connexion" replace />;
  return (
    <div className="container page">
      <Card className="auth-card-wide">
        <h1>{t('twoFactor.enrolTitle')}</h1>
        <p className="muted">{t('twoFactor.enrolLead')}</p>
        <TotpEnrolment onDone={() => void done()} />
      </Card>
    </div>
  );
}

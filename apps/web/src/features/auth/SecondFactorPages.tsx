import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Checkbox, LoadingState, TextField } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { textOf, useFormSubmit } from '../../lib/forms';
import { usePageTitle } from '../../lib/page-title';
import { ME_KEY, useSession } from '../../lib/session';
import { safeNext } from './LoginPage';
import { PasskeyRegistration } from './PasskeyRegistration';
import { passkeysSupported, usePasskeyErrorMessage, verifyWithPasskey } from './passkeys';
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

type StepMode = 'passkey' | 'totp' | 'recovery';

/** A passkey of the account confirms the sign-in, in place of a code. */
function PasskeyStep({ rememberDevice, onDone }: { rememberDevice: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const message = usePasskeyErrorMessage();
  const verify = useMutation({ mutationFn: () => verifyWithPasskey(rememberDevice), onSuccess: onDone });
  return (
    <div className="stack">
      {verify.error && <Alert tone="danger">{message(verify.error)}</Alert>}
      <Button block loading={verify.isPending} onClick={() => verify.mutate()}>
        {t('passkeys.verify')}
      </Button>
    </div>
  );
}

/**
 * The second step of sign-in: a passkey, a code from the authenticator app, or a recovery code.
 * An account with a passkey is offered it first.
 */
export function SecondFactorPage() {
  const { t } = useTranslation();
  usePageTitle(t('twoFactor.verifyTitle'));
  const me = useSession();
  const done = useSecondStepDone();
  // The pending session may read which factors the account has (not their secrets).
  const factors = useQuery({
    queryKey: ['second-factor', 'pending'],
    queryFn: () => apiRequest('GET /api/auth/2fa'),
    enabled: Boolean(me.data),
  });
  const hasPasskey = (factors.data?.passkeys.length ?? 0) > 0 && passkeysSupported();
  const hasTotp = factors.data?.totp ?? true;
  const [chosen, setChosen] = useState<StepMode | null>(null);
  const mode: StepMode = chosen ?? (hasPasskey ? 'passkey' : 'totp');
  const [rememberDevice, setRememberDevice] = useState(false);
  const form = useFormSubmit(
    (values) =>
      apiRequest('POST /api/auth/2fa/verify', {
        body: {
          ...(mode === 'recovery' ? { recoveryCode: textOf(values.code) } : { code: textOf(values.code) }),
          rememberDevice,
        },
      }),
    () => void done(),
  );
  if (me.isPending || (me.data && factors.isPending)) return <LoadingState />;
  if (!me.data) return <Navigate to="/connexion" replace />;
  const lead = {
    passkey: t('passkeys.verifyLead'),
    totp: t('twoFactor.verifyLead'),
    recovery: t('twoFactor.recoveryLead'),
  }[mode];
  const choices: { mode: StepMode; label: string; offered: boolean }[] = [
    { mode: 'passkey', label: t('twoFactor.usePasskey'), offered: hasPasskey },
    { mode: 'totp', label: t('twoFactor.useApp'), offered: hasTotp },
    { mode: 'recovery', label: t('twoFactor.useRecovery'), offered: true },
  ];
  const others = choices.filter((choice) => choice.offered && choice.mode !== mode);
  return (
    <div className="container page">
      <Card className="auth-card">
        <h1>{t('twoFactor.verifyTitle')}</h1>
        <p className="muted">{lead}</p>
        <div className="stack">
          {mode === 'passkey' ? (
            <PasskeyStep rememberDevice={rememberDevice} onDone={() => void done()} />
          ) : (
            <form className="stack" onSubmit={form.onSubmit} noValidate key={mode}>
              {form.formError && <Alert tone="danger">{form.formError}</Alert>}
              <TextField
                label={mode === 'recovery' ? t('twoFactor.recoveryCode') : t('twoFactor.code')}
                name="code"
                inputMode={mode === 'recovery' ? 'text' : 'numeric'}
                autoComplete="one-time-code"
                autoFocus
                required
                error={form.fieldErrors.code ?? form.fieldErrors.recoveryCode}
              />
              <Button type="submit" block loading={form.pending}>
                {t('twoFactor.verifySubmit')}
              </Button>
            </form>
          )}
          <Checkbox
            name="rememberDevice"
            label={t('twoFactor.rememberDevice')}
            checked={rememberDevice}
            onChange={(event) => setRememberDevice(event.currentTarget.checked)}
          />
        </div>
        <div className="mt-5 stack">
          {others.map((other) => (
            <div key={other.mode}>
              <Button variant="ghost" onClick={() => setChosen(other.mode)}>
                {other.label}
              </Button>
            </div>
          ))}
        </div>
      </Card>
    </div>
  );
}

/** Enrolment forced at sign-in (staff, or everyone when an admin requires it): TOTP or a passkey. */
export function EnrolSecondFactorPage() {
  const { t } = useTranslation();
  usePageTitle(t('twoFactor.enrolTitle'));
  const me = useSession();
  const done = useSecondStepDone();
  const [withPasskey, setWithPasskey] = useState(false);
  if (me.isPending) return <LoadingState />;
  if (!me.data) return <Navigate to="/connexion" replace />;
  return (
    <div className="container page">
      <Card className="auth-card-wide">
        <h1>{t('twoFactor.enrolTitle')}</h1>
        <p className="muted">{t('twoFactor.enrolLead')}</p>
        {withPasskey ? (
          <PasskeyRegistration onDone={() => void done()} />
        ) : (
          <TotpEnrolment onDone={() => void done()} />
        )}
        <div className="mt-5">
          <Button variant="ghost" onClick={() => setWithPasskey((value) => !value)}>
            {withPasskey ? t('passkeys.totpInstead') : t('passkeys.enrolInstead')}
          </Button>
        </div>
      </Card>
    </div>
  );
}

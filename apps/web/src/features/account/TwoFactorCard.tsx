import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Badge, Button, Card, ErrorState, LoadingState, useToast } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { textOf, useFormSubmit } from '../../lib/forms';
import { PasskeyRegistration } from '../auth/PasskeyRegistration';
import { RecoveryCodesList } from '../auth/RecoveryCodesList';
import { CurrentPasswordField, OneTimeCodeField } from '../auth/SecretFields';
import { TotpEnrolment } from '../auth/TotpEnrolment';
import { PasskeyList } from './PasskeyList';

const STATUS_KEY = ['second-factor'] as const;

function RegenerateCodes({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const form = useFormSubmit((values) =>
    apiRequest('POST /api/auth/2fa/recovery-codes', { body: { password: textOf(values.password) } }),
  );
  if (form.result) return <RecoveryCodesList codes={form.result.recoveryCodes} onDone={onDone} />;
  return (
    <form className="stack" onSubmit={form.onSubmit} noValidate>
      {form.formError && <Alert tone="danger">{form.formError}</Alert>}
      <CurrentPasswordField error={form.fieldErrors.password} />
      <div>
        <Button type="submit" loading={form.pending}>
          {t('twoFactor.regenerate')}
        </Button>
      </div>
    </form>
  );
}

function DisableForm({ withPasskeys, onDone }: { withPasskeys: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const formRef = useRef<HTMLFormElement>(null);
  const form = useFormSubmit(
    (values) =>
      apiRequest('POST /api/auth/2fa/disable', {
        body: { password: textOf(values.password), code: textOf(values.code) },
      }),
    onDone,
  );
  return (
    <form ref={formRef} className="stack" onSubmit={form.onSubmit} noValidate>
      {withPasskeys && <Alert tone="warning">{t('twoFactor.disableLosesPasskeys')}</Alert>}
      {form.formError && <Alert tone="danger">{form.formError}</Alert>}
      <CurrentPasswordField error={form.fieldErrors.password} />
      <OneTimeCodeField error={form.fieldErrors.code} />
      <div>
        <Button type="submit" variant="danger" loading={form.pending}>
          {t('twoFactor.disable')}
        </Button>
      </div>
    </form>
  );
}

type Mode = 'idle' | 'enrol' | 'passkey' | 'regenerate' | 'disable';

/**
 * Second factor on the account page: the authenticator app, passkeys, recovery codes, trusted
 * devices, turning it off.
 */
export function TwoFactorCard() {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>('idle');
  const status = useQuery({
    queryKey: STATUS_KEY,
    queryFn: () => apiRequest('GET /api/auth/2fa'),
  });
  const enabled = Boolean(status.data && (status.data.totp || status.data.passkeys.length > 0));
  const finish = (message?: string) => {
    setMode('idle');
    if (message) notify(message, 'success');
    void queryClient.invalidateQueries({ queryKey: STATUS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['sessions'] });
  };
  const forgetDevices = async () => {
    try {
      await apiRequest('DELETE /api/auth/2fa/trusted-devices');
      finish(t('twoFactor.devicesForgotten'));
    } catch (error) {
      notify(errorMessage(error), 'danger');
    }
  };

  return (
    <Card title={t('twoFactor.title')}>
      {status.isPending && <LoadingState />}
      {status.isError && (
        <ErrorState message={errorMessage(status.error)} onRetry={() => void status.refetch()} />
      )}
      {status.data && (
        <div className="stack">
          <p>
            {enabled ? (
              <Badge tone="success">{t('twoFactor.on')}</Badge>
            ) : (
              <Badge tone="warning">{t('twoFactor.off')}</Badge>
            )}{' '}
            <span className="muted">
              {status.data.required ? t('twoFactor.requiredLead') : t('twoFactor.optionalLead')}
            </span>
          </p>
          {mode === 'enrol' && <TotpEnrolment onDone={() => finish(t('twoFactor.enabled'))} />}
          {mode === 'passkey' && <PasskeyRegistration onDone={() => finish(t('passkeys.added'))} />}
          {mode === 'regenerate' && <RegenerateCodes onDone={() => finish()} />}
          {mode === 'disable' && (
            <DisableForm
              withPasskeys={status.data.passkeys.length > 0}
              onDone={() => finish(t('twoFactor.disabled'))}
            />
          )}
          {mode === 'idle' && !status.data.totp && (
            <div>
              <Button onClick={() => setMode('enrol')}>
                {enabled ? t('twoFactor.addTotp') : t('twoFactor.enable')}
              </Button>
            </div>
          )}
          {mode === 'idle' && enabled && (
            <>
              <p>{t('twoFactor.codesLeft', { count: status.data.recoveryCodesLeft })}</p>
              <p>{t('twoFactor.trustedDevices', { count: status.data.trustedDevices })}</p>
              <div className="row">
                <Button variant="secondary" onClick={() => setMode('regenerate')}>
                  {t('twoFactor.regenerate')}
                </Button>
                {status.data.trustedDevices > 0 && (
                  <Button variant="secondary" onClick={() => void forgetDevices()}>
                    {t('twoFactor.forgetDevices')}
                  </Button>
                )}
                {status.data.totp && !status.data.required && (
                  <Button variant="danger" onClick={() => setMode('disable')}>
                    {t('twoFactor.disable')}
                  </Button>
                )}
              </div>
            </>
          )}
          {mode === 'idle' && (
            <>
              <h3>{t('passkeys.title')}</h3>
              <p className="muted">{t('passkeys.lead')}</p>
              <PasskeyList
                passkeys={status.data.passkeys}
                totp={status.data.totp}
                required={status.data.required}
                onChanged={(message) => finish(message)}
              />
              <div>
                <Button variant="secondary" onClick={() => setMode('passkey')}>
                  {t('passkeys.add')}
                </Button>
              </div>
            </>
          )}
          {mode !== 'idle' && (
            <div>
              <Button variant="ghost" onClick={() => setMode('idle')}>
                {t('common.cancel')}
              </Button>
            </div>
          )}
        </div>
      )}
    </Card>
  );
}

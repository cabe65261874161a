import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, ErrorState, LoadingState } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { useErrorMessage } from '../../lib/errors';
import { textOf, useFormSubmit } from '../../lib/forms';
import { RecoveryCodesList } from './RecoveryCodesList';
import { OneTimeCodeField } from './SecretFields';

/**
 * TOTP enrolment: a QR code (and the secret, for apps that cannot scan), a first code to confirm,
 * then the recovery codes, shown once (when TOTP is the account's first factor).
 */
export function TotpEnrolment({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const setup = useMutation({ mutationFn: () => apiRequest('POST /api/auth/2fa/totp/setup') });
  const { mutate } = setup;
  useEffect(() => mutate(), [mutate]);
  const confirm = useFormSubmit(
    (values) => apiRequest('POST /api/auth/2fa/totp/confirm', { body: { code: textOf(values.code) } }),
    // An account that already had a passkey keeps its recovery codes: nothing more to show.
    (result) => {
      if (!result.recoveryCodes) onDone();
    },
  );

  if (confirm.result?.recoveryCodes) {
    return <RecoveryCodesList codes={confirm.result.recoveryCodes} onDone={onDone} />;
  }
  if (setup.isError) return <ErrorState message={errorMessage(setup.error)} onRetry={() => mutate()} />;
  if (!setup.data) return <LoadingState />;
  return (
    <div className="stack">
      <ol className="stack enrol-steps">
        <li>{t('twoFactor.stepInstall')}</li>
        <li>{t('twoFactor.stepScan')}</li>
      </ol>
      <img className="totp-qr" src={setup.data.qrCode} alt={t('twoFactor.qrAlt')} width={240} height={240} />
      <details>
        <summary>{t('twoFactor.cannotScan')}</summary>
        <p>
          {t('twoFactor.secretLabel')} <code data-testid="totp-secret">{setup.data.secret}</code>
        </p>
      </details>
      <form className="stack" onSubmit={confirm.onSubmit} noValidate>
        {confirm.formError && <Alert tone="danger">{confirm.formError}</Alert>}
        <OneTimeCodeField label={t('twoFactor.stepConfirm')} maxLength={7} error={confirm.fieldErrors.code} />
        <div>
          <Button type="submit" loading={confirm.pending}>
            {t('twoFactor.activate')}
          </Button>
        </div>
      </form>
    </div>
  );
}

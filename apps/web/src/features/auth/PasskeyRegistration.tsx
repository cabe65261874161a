import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, TextField } from '../../components/ui';
import { ApiError } from '../../lib/api';
import { formValues, textOf } from '../../lib/forms';
import { passkeysSupported, registerPasskey, usePasskeyErrorMessage } from './passkeys';
import { RecoveryCodesList } from './RecoveryCodesList';

/**
 * A named passkey created on this device or a security key; as the account's first factor, the
 * recovery codes follow, shown once.
 */
export function PasskeyRegistration({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const message = usePasskeyErrorMessage();
  const [supported] = useState(passkeysSupported);
  const [missing, setMissing] = useState(false);
  const register = useMutation({
    mutationFn: registerPasskey,
    onSuccess: (result) => {
      if (!result.recoveryCodes) onDone();
    },
  });
  if (!supported) return <Alert tone="info">{t('passkeys.unsupported')}</Alert>;
  if (register.data?.recoveryCodes) {
    return <RecoveryCodesList codes={register.data.recoveryCodes} onDone={onDone} />;
  }
  const fieldError =
    (missing ? t('errors.field.invalid_type') : undefined) ??
    (register.error instanceof ApiError ? register.error.byField.name : undefined);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const name = textOf(formValues(event.currentTarget).name).trim();
    // Checked before the ceremony: the person would otherwise touch the key for nothing.
    setMissing(name === '');
    if (name) register.mutate(name);
  };
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <p className="muted">{t('passkeys.enrolLead')}</p>
      {register.error && !fieldError && <Alert tone="danger">{message(register.error)}</Alert>}
      <TextField
        label={t('passkeys.name')}
        hint={t('passkeys.nameHint')}
        name="name"
        maxLength={60}
        required
        autoComplete="off"
        error={fieldError}
      />
      <div>
        <Button type="submit" loading={register.isPending}>
          {t('passkeys.register')}
        </Button>
      </div>
    </form>
  );
}

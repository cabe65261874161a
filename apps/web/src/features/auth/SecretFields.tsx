import type { InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/ui';

type Props = { error?: string | undefined; label?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'name' | 'type'
>;

/** The account's password, asked again to confirm a sensitive action (the body field `password`). */
export function CurrentPasswordField({ error, label, ...input }: Props) {
  const { t } = useTranslation();
  return (
    <TextField
      label={label ?? t('auth.password')}
      name="password"
      type="password"
      autoComplete="current-password"
      required
      error={error}
      {...input}
    />
  );
}

/** A six-digit code from the authenticator app (the body field `code`). */
export function OneTimeCodeField({ error, label, ...input }: Props) {
  const { t } = useTranslation();
  return (
    <TextField
      label={label ?? t('twoFactor.code')}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      required
      error={error}
      {...input}
    />
  );
}

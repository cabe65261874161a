import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog } from '../../components/ui';
import { textOf, useFormSubmit } from '../../lib/forms';
import { CurrentPasswordField } from './SecretFields';

/**
 * A destructive action confirmed with the account's password (deleting the account, removing a
 * passkey): what it will do, the password field, cancel and the red button.
 */
export function PasswordConfirmDialog({
  open,
  title,
  confirmLabel,
  children,
  submit,
  onDone,
  onClose,
}: {
  open: boolean;
  title: string;
  confirmLabel: string;
  /** What will happen, read before the password is typed. */
  children: ReactNode;
  submit: (password: string) => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useFormSubmit((values) => submit(textOf(values.password)), onDone);
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form className="stack" onSubmit={form.onSubmit} noValidate>
        {children}
        {form.formError && <Alert tone="danger">{form.formError}</Alert>}
        <CurrentPasswordField error={form.fieldErrors.password} />
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" variant="danger" loading={form.pending}>
            {confirmLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

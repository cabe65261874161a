import type { PasskeySummary } from '@ft/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Dialog, TextField } from '../../components/ui';
import { apiRequest } from '../../lib/client';
import { formatDate } from '../../lib/format';
import { textOf, useFormSubmit } from '../../lib/forms';
import { PasswordConfirmDialog } from '../auth/PasswordConfirmDialog';

type DialogProps = { passkey: PasskeySummary; onClose: () => void; onDone: (message: string) => void };

function RenameDialog({ passkey, onClose, onDone }: DialogProps) {
  const { t } = useTranslation();
  const form = useFormSubmit(
    (values) =>
      apiRequest('PATCH /api/auth/2fa/passkeys/:id', {
        params: { id: passkey.id },
        body: { name: textOf(values.name) },
      }),
    () => onDone(t('passkeys.renamed')),
  );
  return (
    <Dialog open title={t('passkeys.renameTitle')} onClose={onClose}>
      <form className="stack" onSubmit={form.onSubmit} noValidate>
        {form.formError && <Alert tone="danger">{form.formError}</Alert>}
        <TextField
          label={t('passkeys.name')}
          name="name"
          defaultValue={passkey.name}
          maxLength={60}
          required
          autoComplete="off"
          error={form.fieldErrors.name}
        />
        <div className="dialog-actions">
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.pending}>
            {t('common.save')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function RemoveDialog({ passkey, last, onClose, onDone }: DialogProps & { last: boolean }) {
  const { t } = useTranslation();
  return (
    <PasswordConfirmDialog
      open
      title={t('passkeys.removeTitle', { name: passkey.name })}
      confirmLabel={t('passkeys.removeConfirm')}
      submit={(password) =>
        apiRequest('DELETE /api/auth/2fa/passkeys/:id', { params: { id: passkey.id }, body: { password } })
      }
      onDone={() => onDone(t('passkeys.removed'))}
      onClose={onClose}
    >
      <p>{t('passkeys.removeLead')}</p>
      {last && <Alert tone="warning">{t('passkeys.removeLast')}</Alert>}
    </PasswordConfirmDialog>
  );
}

/**
 * The account's passkeys: name, when added and last used; rename, and remove with the password.
 * The last factor of an account that must keep one cannot be removed.
 */
export function PasskeyList({
  passkeys,
  totp,
  required,
  onChanged,
}: {
  passkeys: PasskeySummary[];
  totp: boolean;
  required: boolean;
  onChanged: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<{ kind: 'rename' | 'remove'; passkey: PasskeySummary } | null>(null);
  const last = !totp && passkeys.length === 1;
  const done = (message: string) => {
    setOpen(null);
    onChanged(message);
  };
  if (passkeys.length === 0) return <p className="muted">{t('passkeys.none')}</p>;
  return (
    <>
      <ul className="passkey-list" aria-label={t('passkeys.listLabel')}>
        {passkeys.map((passkey) => (
          <li key={passkey.id}>
            <div>
              <strong>{passkey.name}</strong>
              <br />
              <span className="muted">
                {t('passkeys.createdOn', { date: formatDate(passkey.createdAt, i18n.language) })} ·{' '}
                {passkey.lastUsedAt
                  ? t('passkeys.lastUsed', { date: formatDate(passkey.lastUsedAt, i18n.language) })
                  : t('passkeys.neverUsed')}
              </span>
            </div>
            <div className="row">
              <Button
                size="sm"
                variant="secondary"
                aria-label={t('passkeys.renameNamed', { name: passkey.name })}
                onClick={() => setOpen({ kind: 'rename', passkey })}
              >
                {t('passkeys.rename')}
              </Button>
              <Button
                size="sm"
                variant="danger"
                aria-label={t('passkeys.removeNamed', { name: passkey.name })}
                disabled={last && required}
                onClick={() => setOpen({ kind: 'remove', passkey })}
              >
                {t('passkeys.remove')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {last && required && <p className="field-hint">{t('passkeys.lastRequired')}</p>}
      {open?.kind === 'rename' && (
        <RenameDialog passkey={open.passkey} onClose={() => setOpen(null)} onDone={done} />
      )}
      {open?.kind === 'remove' && (
        <RemoveDialog passkey={open.passkey} last={last} onClose={() => setOpen(null)} onDone={done} />
      )}
    </>
  );
}

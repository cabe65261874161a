import type { NotificationPreference } from '@ft/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, ErrorState, LoadingState } from '../../components/ui';
import { useErrorMessage } from '../../lib/errors';
import { useNotificationPreferences, useSaveNotificationPreferences } from './queries';

type Channel = 'inApp' | 'email';
const CHANNELS: Channel[] = ['inApp', 'email'];

function PreferencesForm({
  initial,
  onSaved,
  onEdit,
}: {
  initial: NotificationPreference[];
  onSaved: () => void;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const save = useSaveNotificationPreferences();
  const [rows, setRows] = useState(initial);
  const changed = rows.filter((row, index) => {
    const before = initial[index];
    return !before || before.inApp !== row.inApp || before.email !== row.email;
  });

  const toggle = (type: string, channel: Channel) => {
    onEdit();
    setRows((current) =>
      current.map((row) => (row.type === type ? { ...row, [channel]: !row[channel] } : row)),
    );
  };

  return (
    <form
      className="stack"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(changed, {
          onSuccess: onSaved,
        });
      }}
    >
      {save.isError && <Alert tone="danger">{errorMessage(save.error)}</Alert>}
      <div className="table-wrap">
        <table className="table notif-prefs">
          <caption className="visually-hidden">{t('notifications.preferences.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('notifications.preferences.event')}</th>
              {CHANNELS.map((channel) => (
                <th key={channel} scope="col" className="notif-prefs-channel">
                  {t(`notifications.channels.${channel}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.type}>
                <th scope="row">
                  {t(`notifications.types.${row.type}`)}
                  {row.type === 'message.new' && (
                    <span className="notif-prefs-hint">{t('notifications.preferences.messageHint')}</span>
                  )}
                </th>
                {CHANNELS.map((channel) => (
                  <td
                    key={channel}
                    className="notif-prefs-channel"
                    data-label={t(`notifications.channels.${channel}`)}
                  >
                    <input
                      type="checkbox"
                      checked={row[channel]}
                      onChange={() => toggle(row.type, channel)}
                      aria-label={t('notifications.preferences.toggle', {
                        event: t(`notifications.types.${row.type}`),
                        channel: t(`notifications.channels.${channel}`),
                      })}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <Button type="submit" loading={save.isPending} disabled={changed.length === 0}>
          {t('notifications.preferences.save')}
        </Button>
      </div>
    </form>
  );
}

/** The event type × channel matrix in the account page. */
export function NotificationPreferencesCard() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const preferences = useNotificationPreferences();
  const [saved, setSaved] = useState(false);
  return (
    <Card title={t('notifications.preferences.title')}>
      <p className="muted">{t('notifications.preferences.intro')}</p>
      {saved && <Alert tone="success">{t('notifications.preferences.saved')}</Alert>}
      {preferences.isPending && <LoadingState />}
      {preferences.isError && (
        <ErrorState message={errorMessage(preferences.error)} onRetry={() => void preferences.refetch()} />
      )}
      {preferences.isSuccess && (
        // Keyed by the saved matrix: after a save the form starts again from what the server holds.
        <PreferencesForm
          key={JSON.stringify(preferences.data.items)}
          initial={preferences.data.items}
          onSaved={() => setSaved(true)}
          onEdit={() => setSaved(false)}
        />
      )}
    </Card>
  );
}

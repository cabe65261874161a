import type { Notification } from '@ft/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';

/** What a notification says, the same in the dropdown and on the page. */
export function NotificationSummary({ notification }: { notification: Notification }) {
  const { t, i18n } = useTranslation();
  const unread = notification.readAt === null;
  return (
    <span className="notif-summary">
      <span className="notif-summary-head">
        {unread && <span className="notif-dot" aria-hidden="true" />}
        <span className="notif-type">{t(`notifications.types.${notification.type}`)}</span>
        {unread && <span className="visually-hidden">{t('notifications.unreadMark')}</span>}
        <time className="notif-time" dateTime={notification.createdAt}>
          {formatDateTime(notification.createdAt, i18n.language)}
        </time>
      </span>
      <span className="notif-title">{notification.title}</span>
      {notification.body && <span className="notif-body">{notification.body}</span>}
    </span>
  );
}

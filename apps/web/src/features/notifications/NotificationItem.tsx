import type { Notification } from '@ft/contracts';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';

/**
 * What a notification says, the same in the dropdown and on the page. The API stores the French
 * title and sentence only (no template or parameters yet), so another language shows our sentence
 * for the notification's type instead of the French text.
 */
export function NotificationSummary({ notification }: { notification: Notification }) {
  const { t, i18n } = useTranslation();
  const unread = notification.readAt === null;
  const summaryKey = `notifications.summary.${notification.type}`;
  const french = i18n.language === 'fr' || !i18n.exists(summaryKey);
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
      {french ? (
        <>
          <span className="notif-title">{notification.title}</span>
          {notification.body && <span className="notif-body">{notification.body}</span>}
        </>
      ) : (
        <span className="notif-title">{t(summaryKey)}</span>
      )}
    </span>
  );
}

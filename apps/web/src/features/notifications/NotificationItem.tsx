import type { Notification } from '@ft/contracts';
import { isNoticeLanguage, renderNotice } from '@ft/contracts/notices';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';

/**
 * The title and body in the reader's language: French shows the text the API stored (the same
 * template, rendered there); another language renders the notification's template with its
 * parameters. A notification older than templates, or of a template this build does not know,
 * shows our sentence for its type instead of the French text.
 */
function useNoticeText(notification: Notification): { title: string; body: string } {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const stored = { title: notification.title, body: notification.body };
  if (language === 'fr' || !isNoticeLanguage(language)) return stored;
  const rendered = notification.template
    ? renderNotice(language, notification.template, notification.params ?? {})
    : null;
  if (rendered) return rendered;
  const summaryKey = `notifications.summary.${notification.type}`;
  return i18n.exists(summaryKey) ? { title: t(summaryKey), body: '' } : stored;
}

/** What a notification says, the same in the dropdown and on the page. */
export function NotificationSummary({ notification }: { notification: Notification }) {
  const { t, i18n } = useTranslation();
  const unread = notification.readAt === null;
  const { title, body } = useNoticeText(notification);
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
      <span className="notif-title">{title}</span>
      {body && <span className="notif-body">{body}</span>}
    </span>
  );
}

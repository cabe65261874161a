import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { useUnreadTotal } from './queries';

/** "Messages" in the navigation, with the number of unread messages. */
export function MessagesNavLink() {
  const { t } = useTranslation();
  const unread = useUnreadTotal(true).data?.totalUnread ?? 0;
  return (
    <NavLink className="nav-link" to="/messages">
      {t('messaging.nav')}
      {unread > 0 && (
        <span className="nav-badge" data-testid="nav-unread">
          {unread > 99 ? '99+' : unread}
          <span className="visually-hidden"> {t('messaging.unread', { count: unread })}</span>
        </span>
      )}
    </NavLink>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorMessage } from '../../lib/errors';
import { useRealtime } from '../../lib/realtime';
import { NotificationSummary } from './NotificationItem';
import {
  useLatestNotifications,
  useNotificationActions,
  useRefreshNotifications,
  useUnreadCount,
} from './queries';

function BellIcon() {
  return (
    <svg className="notif-bell-icon" viewBox="0 0 24 24" aria-hidden="true">
      <path
        d="M12 3a6 6 0 0 0-6 6v3.6L4.3 15.4A1 1 0 0 0 5.2 17h13.6a1 1 0 0 0 .9-1.6L18 12.6V9a6 6 0 0 0-6-6Zm-2.5 15.5a2.5 2.5 0 0 0 5 0z"
        fill="currentColor"
      />
    </svg>
  );
}

/**
 * The header's bell: the unread count (pushed over the real-time socket, polled as a fallback) and
 * a dropdown of the latest notifications. A disclosure, not a menu: Escape or a click outside
 * closes it and focus returns to the bell.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const unread = useUnreadCount(true);
  const refresh = useRefreshNotifications();
  useRealtime('notification.created', () => void refresh());
  const latest = useLatestNotifications(open);
  const { markRead, markAllRead } = useNotificationActions();
  const count = unread.data?.count ?? 0;
  const refetchLatest = latest.refetch;
  const shownCount = useRef(count);

  // A new notification found by polling while the dropdown is open appears in it at once.
  useEffect(() => {
    if (count > shownCount.current && open) void refetchLatest();
    shownCount.current = count;
  }, [count, open, refetchLatest]);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    heading.current?.focus();
    const outside = (target: EventTarget | null) => target instanceof Node && !root.current?.contains(target);
    const onPointerDown = (event: PointerEvent) => {
      if (outside(event.target)) setOpen(false);
    };
    // Tabbing past the last item leaves the dropdown: it closes like a click outside.
    const onFocusIn = (event: FocusEvent) => {
      if (outside(event.target)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('focusin', onFocusIn);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open]);

  const follow = (id: string, link: string | null, wasUnread: boolean) => {
    if (wasUnread) markRead.mutate(id);
    close(false);
    void navigate(link ?? '/notifications');
  };

  const items = latest.data?.items ?? [];
  return (
    <div className="notif-bell" ref={root}>
      <button
        ref={button}
        type="button"
        className="notif-bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={count > 0 ? t('notifications.bellUnread', { count }) : t('notifications.bell')}
        onClick={() => (open ? close(true) : setOpen(true))}
      >
        <BellIcon />
        {count > 0 && (
          <span className="notif-badge" data-testid="notification-badge" aria-hidden="true">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </button>
      {open && (
        <section id={panelId} className="notif-panel" aria-labelledby={`${panelId}-title`}>
          <header className="notif-panel-header">
            <h2 id={`${panelId}-title`} ref={heading} tabIndex={-1}>
              {t('notifications.title')}
            </h2>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              disabled={count === 0 || markAllRead.isPending}
              onClick={() => markAllRead.mutate()}
            >
              {t('notifications.markAllRead')}
            </button>
          </header>
          {latest.isPending && <p className="notif-panel-state">{t('common.loading')}</p>}
          {latest.isError && (
            <p className="notif-panel-state" role="alert">
              {errorMessage(latest.error)}
            </p>
          )}
          {latest.isSuccess && items.length === 0 && (
            <p className="notif-panel-state">{t('notifications.emptyInbox')}</p>
          )}
          {items.length > 0 && (
            <ul className="notif-panel-list">
              {items.map((notification) => (
                <li key={notification.id}>
                  <a
                    href={notification.link ?? '/notifications'}
                    className={notification.readAt ? 'notif-panel-item' : 'notif-panel-item is-unread'}
                    onClick={(event) => {
                      event.preventDefault();
                      follow(notification.id, notification.link, notification.readAt === null);
                    }}
                  >
                    <NotificationSummary notification={notification} />
                  </a>
                </li>
              ))}
            </ul>
          )}
          <footer className="notif-panel-footer">
            <Link to="/notifications" onClick={() => close(false)}>
              {t('notifications.seeAll')}
            </Link>
          </footer>
        </section>
      )}
    </div>
  );
}

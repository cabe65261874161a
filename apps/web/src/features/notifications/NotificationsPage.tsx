import { NOTIFICATION_FILTERS, type NotificationFilter } from '@ft/contracts/ui-constants';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CurrentUser } from '../../app/RequireUser';
import { Button, EmptyState, ErrorState, LoadingState, PageHeader, useToast } from '../../components/ui';
import { useErrorMessage } from '../../lib/errors';
import { NotificationSummary } from './NotificationItem';
import { useNotificationActions, useNotificationList, useUnreadCount } from './queries';

function NotificationFeed({ filter }: { filter: NotificationFilter }) {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const list = useNotificationList(filter);
  const { markRead, archive } = useNotificationActions();
  const onError = (error: unknown) => notify(errorMessage(error), 'danger');

  if (list.isPending) return <LoadingState />;
  if (list.isError)
    return <ErrorState message={errorMessage(list.error)} onRetry={() => void list.refetch()} />;
  const items = list.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <EmptyState title={t(`notifications.empty.${filter}`)} />;
  return (
    <>
      <ul className="notif-list">
        {items.map((notification) => (
          <li key={notification.id} className={notification.readAt ? 'notif-row' : 'notif-row is-unread'}>
            <NotificationSummary notification={notification} />
            <div className="notif-row-actions">
              {notification.link && (
                <Link
                  className="btn btn-secondary btn-sm"
                  to={notification.link}
                  onClick={() => {
                    if (!notification.readAt) markRead.mutate(notification.id);
                  }}
                >
                  {t('notifications.open')}
                </Link>
              )}
              {!notification.readAt && (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() => markRead.mutate(notification.id, { onError })}
                >
                  {t('notifications.markRead')}
                </Button>
              )}
              {!notification.archivedAt && (
                <Button
                  variant="ghost"
                  size="sm"
                  onClick={() =>
                    archive.mutate(notification.id, {
                      onSuccess: () => notify(t('notifications.archived'), 'success'),
                      onError,
                    })
                  }
                >
                  {t('notifications.archive')}
                </Button>
              )}
            </div>
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        <div className="notif-more">
          <Button
            variant="secondary"
            loading={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {t('notifications.more')}
          </Button>
        </div>
      )}
    </>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const notify = useToast();
  const errorMessage = useErrorMessage();
  const [filter, setFilter] = useState<NotificationFilter>('all');
  const unread = useUnreadCount(true);
  const { markAllRead } = useNotificationActions();
  const count = unread.data?.count ?? 0;
  return (
    <div className="container page">
      <CurrentUser>
        {() => (
          <div className="stack">
            <PageHeader
              title={t('notifications.title')}
              description={
                count > 0 ? t('notifications.unreadSummary', { count }) : t('notifications.allRead')
              }
              actions={
                <Button
                  variant="secondary"
                  disabled={count === 0}
                  loading={markAllRead.isPending}
                  onClick={() =>
                    markAllRead.mutate(undefined, {
                      onSuccess: () => notify(t('notifications.allMarkedRead'), 'success'),
                      onError: (error) => notify(errorMessage(error), 'danger'),
                    })
                  }
                >
                  {t('notifications.markAllRead')}
                </Button>
              }
            />
            <fieldset className="notif-filters">
              <legend className="visually-hidden">{t('notifications.filterLabel')}</legend>
              {NOTIFICATION_FILTERS.map((option) => (
                <button
                  key={option}
                  type="button"
                  className="notif-filter"
                  aria-pressed={filter === option}
                  onClick={() => setFilter(option)}
                >
                  {t(`notifications.filters.${option}`)}
                </button>
              ))}
            </fieldset>
            <NotificationFeed filter={filter} />
          </div>
        )}
      </CurrentUser>
    </div>
  );
}

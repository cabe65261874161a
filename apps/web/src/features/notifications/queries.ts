import type {
  Notification,
  NotificationFilter,
  NotificationList,
  NotificationPreference,
  NotificationPreferences,
} from '@ft/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { useLiveQueryOptions } from '../../lib/realtime';

/** Every notification query starts with this key, so one invalidation refreshes bell and page. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;
/** Pushed over the socket (`notification.created` refreshes it); polled only while it is down. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'unread-count'],
    queryFn: () => api.get<{ count: number }>('/api/notifications/unread-count'),
    enabled,
    ...useLiveQueryOptions(),
  });
}

export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'latest'],
    queryFn: () => api.get<NotificationList>('/api/notifications?limit=6'),
    enabled,
  });
}

export function useNotificationList(filter: NotificationFilter) {
  return useInfiniteQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', filter],
    initialPageParam: '',
    queryFn: ({ pageParam }) => {
      const search = new URLSearchParams({ filter, limit: '20' });
      if (pageParam) search.set('cursor', pageParam);
      return api.get<NotificationList>(`/api/notifications?${search}`);
    },
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Refreshes every notification view (after a change here, or an event pushed by the server). */
export function useRefreshNotifications() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
}

export function useNotificationActions() {
  const refresh = useRefreshNotifications();
  const onSuccess = () => void refresh();
  return {
    markRead: useMutation({
      mutationFn: (id: string) => api.post<Notification>(`/api/notifications/${id}/read`),
      onSuccess,
    }),
    markAllRead: useMutation({
      mutationFn: () => api.post<{ updated: number }>('/api/notifications/read-all'),
      onSuccess,
    }),
    archive: useMutation({
      mutationFn: (id: string) => api.post<Notification>(`/api/notifications/${id}/archive`),
      onSuccess,
    }),
  };
}

const PREFERENCES_KEY = [...NOTIFICATIONS_KEY, 'preferences'];

export function useNotificationPreferences() {
  return useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: () => api.get<NotificationPreferences>('/api/notifications/preferences'),
  });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: NotificationPreference[]) =>
      api.put<NotificationPreferences>('/api/notifications/preferences', { items }),
    onSuccess: (saved) => queryClient.setQueryData(PREFERENCES_KEY, saved),
  });
}

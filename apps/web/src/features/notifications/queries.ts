import type { NotificationFilter, NotificationPreference } from '@ft/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../lib/client';

/** Every notification query starts with this key, so one invalidation refreshes bell and page. */
export const NOTIFICATIONS_KEY = ['notifications'] as const;
export const notificationKeys = {
  all: NOTIFICATIONS_KEY,
  unreadCount: [...NOTIFICATIONS_KEY, 'unread-count'] as const,
  latest: [...NOTIFICATIONS_KEY, 'latest'] as const,
  list: (filter: NotificationFilter) => [...NOTIFICATIONS_KEY, 'list', filter] as const,
  preferences: [...NOTIFICATIONS_KEY, 'preferences'] as const,
};
/** Without a live channel the bell asks this often; a pushed event refreshes it at once. */
export const UNREAD_POLL_MS = 30_000;

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unreadCount,
    queryFn: ({ signal }) => apiRequest('GET /api/notifications/unread-count', { signal }),
    enabled,
    refetchInterval: UNREAD_POLL_MS,
  });
}

export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.latest,
    queryFn: ({ signal }) => apiRequest('GET /api/notifications', { query: { limit: 6 }, signal }),
    enabled,
  });
}

export function useNotificationList(filter: NotificationFilter) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(filter),
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) =>
      apiRequest('GET /api/notifications', {
        query: { filter, limit: 20, cursor: pageParam || undefined },
        signal,
      }),
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
      mutationFn: (id: string) => apiRequest('POST /api/notifications/:id/read', { params: { id } }),
      onSuccess,
    }),
    markAllRead: useMutation({
      mutationFn: () => apiRequest('POST /api/notifications/read-all'),
      onSuccess,
    }),
    archive: useMutation({
      mutationFn: (id: string) => apiRequest('POST /api/notifications/:id/archive', { params: { id } }),
      onSuccess,
    }),
  };
}

const PREFERENCES_KEY = notificationKeys.preferences;

export function useNotificationPreferences() {
  return useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: ({ signal }) => apiRequest('GET /api/notifications/preferences', { signal }),
  });
}

export function useSaveNotificationPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: NotificationPreference[]) =>
      apiRequest('PUT /api/notifications/preferences', { body: { items } }),
    onSuccess: (saved) => queryClient.setQueryData(PREFERENCES_KEY, saved),
  });
}

import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../lib/client';

export { useCursorList } from '../../lib/cursor-list';

/** Query keys of the admin pages: everything starts with `admin`, so one prefix refreshes them all. */
export const adminKeys = {
  all: ['admin'] as const,
  experts: ['admin', 'experts'] as const,
  pendingExperts: ['admin', 'experts', 'pending', 'count'] as const,
  expert: (id: string) => ['admin', 'expert', id] as const,
  clients: ['admin', 'clients'] as const,
  audit: ['admin', 'audit'] as const,
  alerts: ['admin', 'alerts'] as const,
  outbox: ['admin', 'outbox'] as const,
  products: ['admin', 'products'] as const,
};

export const adminQueries = {
  expert: (id: string) =>
    queryOptions({
      queryKey: adminKeys.expert(id),
      queryFn: ({ signal }) => apiRequest('GET /api/admin/experts/:id', { params: { id }, signal }),
    }),
  products: () =>
    queryOptions({
      queryKey: adminKeys.products,
      queryFn: ({ signal }) => apiRequest('GET /api/admin/products', { signal }),
    }),
  pendingExperts: () =>
    queryOptions({
      queryKey: adminKeys.pendingExperts,
      queryFn: ({ signal }) =>
        apiRequest('GET /api/admin/experts', { query: { status: 'pending', limit: 100 }, signal }),
    }),
  lockedAccounts: () =>
    queryOptions({
      queryKey: adminKeys.alerts,
      queryFn: ({ signal }) =>
        apiRequest('GET /api/admin/audit', {
          query: { action: 'security.account_locked', limit: 10 },
          signal,
        }),
    }),
};

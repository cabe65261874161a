import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../lib/client';

/** Query keys of the dashboards: one per role. */
export const dashboardKeys = {
  all: ['dashboard'] as const,
  client: ['dashboard', 'client'] as const,
  expert: ['dashboard', 'expert'] as const,
  admin: ['dashboard', 'admin'] as const,
};

export const dashboardQueries = {
  client: () =>
    queryOptions({
      queryKey: dashboardKeys.client,
      queryFn: ({ signal }) => apiRequest('GET /api/dashboard/client', { signal }),
    }),
  expert: () =>
    queryOptions({
      queryKey: dashboardKeys.expert,
      queryFn: ({ signal }) => apiRequest('GET /api/dashboard/expert', { signal }),
    }),
  admin: () =>
    queryOptions({
      queryKey: dashboardKeys.admin,
      queryFn: ({ signal }) => apiRequest('GET /api/dashboard/admin', { signal }),
    }),
};

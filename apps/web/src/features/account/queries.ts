import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../lib/client';

/** Query keys of the account pages. */
export const accountKeys = {
  sessions: ['sessions'] as const,
};

export const accountQueries = {
  sessions: () =>
    queryOptions({
      queryKey: accountKeys.sessions,
      queryFn: ({ signal }) => apiRequest('GET /api/auth/sessions', { signal }),
    }),
};

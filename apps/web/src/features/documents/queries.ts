import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../lib/client';

/** Query keys of "my documents": every one starts with `documents`. */
export const documentKeys = {
  all: ['documents'] as const,
  mine: ['documents', 'mine'] as const,
  ofKind: (kind: string) => ['documents', 'mine', { kind }] as const,
};

export const documentQueries = {
  /** The client's latest documents of one kind (Kbis, RIB…), to offer them again elsewhere. */
  ofKind: (kind: string) =>
    queryOptions({
      queryKey: documentKeys.ofKind(kind),
      queryFn: ({ signal }) => apiRequest('GET /api/documents', { query: { kind, limit: 10 }, signal }),
    }),
};

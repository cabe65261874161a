import { queryOptions } from '@tanstack/react-query';
import { apiRequest } from '../../lib/client';

/**
 * Query keys of dossiers. Lists start with `dossiers` and one dossier's data with `dossier, id`,
 * so a change to a dossier refreshes its page (prefix) and every list (prefix) in two calls.
 */
export const dossierKeys = {
  lists: ['dossiers'] as const,
  mine: ['dossiers'] as const,
  forFilter: ['dossiers', 'for-filter'] as const,
  detail: (id: string) => ['dossier', id] as const,
  timeline: (id: string) => ['dossier', id, 'timeline'] as const,
  documents: (id: string) => ['dossier', id, 'documents'] as const,
  experts: (id: string) => ['dossier', id, 'experts'] as const,
  /** The mutation key of this tab's actions on the dossier (see `onDossierChanged`). */
  action: (id: string) => ['dossier', id, 'action'] as const,
};

export const dossierQueries = {
  /** The caller's dossiers (a client's own, an expert's assigned, every one for an admin). */
  list: (key: readonly unknown[] = dossierKeys.mine) =>
    queryOptions({
      queryKey: key,
      queryFn: ({ signal }) => apiRequest('GET /api/dossiers', { query: { limit: 100 }, signal }),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: dossierKeys.detail(id),
      queryFn: ({ signal }) => apiRequest('GET /api/dossiers/:id', { params: { id }, signal }),
    }),
  timeline: (id: string) =>
    queryOptions({
      queryKey: dossierKeys.timeline(id),
      queryFn: ({ signal }) => apiRequest('GET /api/dossiers/:id/timeline', { params: { id }, signal }),
    }),
  documents: (id: string) =>
    queryOptions({
      queryKey: dossierKeys.documents(id),
      queryFn: ({ signal }) => apiRequest('GET /api/dossiers/:id/documents', { params: { id }, signal }),
    }),
  experts: (id: string) =>
    queryOptions({
      queryKey: dossierKeys.experts(id),
      queryFn: ({ signal }) => apiRequest('GET /api/dossiers/:id/experts', { params: { id }, signal }),
    }),
};

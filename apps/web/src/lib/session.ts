import type { AuthResponse, MeResponse, SessionState } from '@ft/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from './api';

export const ME_KEY = ['me'] as const;

/**
 * The signed-in user and profile, null for a visitor, undefined while unknown. Only the server
 * saying so (no user, or a 401) makes someone a visitor: a refused check (429, 503, network) fails
 * the query and keeps whatever was known, so a busy server never shows a signed-in person the
 * signed-out header.
 */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<MeResponse | null> => {
      try {
        const state = await api.get<SessionState>('/api/auth/session');
        return state.user && state.profile ? { user: state.user, profile: state.profile } : null;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** After login or sign-up: forget everything cached for the previous visitor, then load the new one. */
export function useSessionStarted() {
  const queryClient = useQueryClient();
  return async (_response: AuthResponse) => {
    queryClient.clear();
    await queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: () => api.get<MeResponse>('/api/auth/me') });
  };
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/logout'),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(ME_KEY, null);
    },
  });
}

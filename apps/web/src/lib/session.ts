import type { AuthResponse, MeResponse, SessionState } from '@ft/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

export const ME_KEY = ['me'] as const;

function useSessionQuery<T>(select: (data: MeResponse | null) => T) {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: async (): Promise<MeResponse | null> => {
      const state = await api.get<SessionState>('/api/auth/session');
      return state.user && state.profile
        ? {
            user: state.user,
            profile: state.profile,
            secondFactor: state.secondFactor ?? 'none',
            pendingConsents: state.pendingConsents ?? [],
          }
        : null;
    },
    staleTime: 60_000,
    select,
  });
}

const fullySignedIn = (data: MeResponse | null) => (data?.secondFactor === 'none' ? data : null);
const anySession = (data: MeResponse | null) => data;

/**
 * The signed-in user and profile, or null for a visitor. A session still owing its second factor
 * counts as a visitor here, so no screen fetches data it would be refused.
 */
export function useMe() {
  return useSessionQuery(fullySignedIn);
}

/** The session whatever its step: for the guard and the second-step screens. */
export function useSession() {
  return useSessionQuery(anySession);
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

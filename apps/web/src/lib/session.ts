import type { AuthResponse, MeResponse } from '@ft/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from './client';

/** Query keys of the signed-in user: everything about "me" starts with `me`. */
export const sessionKeys = {
  me: ['me'] as const,
};
export const ME_KEY = sessionKeys.me;

function useSessionQuery<T>(select: (data: MeResponse | null) => T) {
  return useQuery({
    queryKey: sessionKeys.me,
    queryFn: async ({ signal }): Promise<MeResponse | null> => {
      const state = await apiRequest('GET /api/auth/session', { signal });
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
    await queryClient.fetchQuery({ queryKey: sessionKeys.me, queryFn: () => apiRequest('GET /api/auth/me') });
  };
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiRequest('POST /api/auth/logout'),
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.me, null);
    },
  });
}

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { ToastProvider } from '../components/ui';
import { ApiError } from '../lib/api';
import { setupI18n } from '../lib/i18n';
import { ME_KEY } from '../lib/session';
import { LanguageSync } from './LanguageSwitch';

const i18n = setupI18n();

/**
 * Only a 401 signs a person out: the API no longer knows their session. A 429 or 503 is a wait
 * (lib/api.ts retries it and the banner counts down), so it never touches the signed-in state.
 */
function signOutOnUnauthenticated(queryClient: QueryClient) {
  return (error: unknown) => {
    if (error instanceof ApiError && error.status === 401 && error.code === 'UNAUTHENTICATED')
      queryClient.setQueryData(ME_KEY, null);
  };
}

export function createQueryClient() {
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => signOut(error) }),
    mutationCache: new MutationCache({ onError: (error) => signOut(error) }),
    defaultOptions: {
      queries: {
        // A 4xx will not fix itself and a 503 was already waited for: retry network failures and
        // other server errors, once.
        retry: (failures, error) =>
          failures < 1 &&
          !(
            error instanceof ApiError &&
            ((error.status >= 400 && error.status < 500) || error.status === 503)
          ),
        refetchOnWindowFocus: false,
        // Parts of one page mount a moment apart (a thread, then its composer, both reading the
        // dossier): within a few seconds they share one answer instead of each asking again.
        // Changes still show at once: mutations and socket events invalidate what they touch.
        staleTime: 5_000,
      },
    },
  });
  const signOut = signOutOnUnauthenticated(queryClient);
  return queryClient;
}

export function Providers({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <LanguageSync />
        <ToastProvider>{children}</ToastProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}

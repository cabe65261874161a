import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SimulatorPage } from '../features/simulator/SimulatorPage';
import { ME_KEY } from '../lib/session';
import { refusals } from '../lib/traffic';
import { Layout } from './Layout';
import { createQueryClient, Providers } from './providers';

const SIGNED_IN = {
  user: { id: 'u1', email: 'julie@example.fr', role: 'client', status: 'active', emailVerified: true },
  profile: { companyName: 'Transports Exemple' },
};

type Reply = () => Response;
const tooMany =
  (seconds: number): Reply =>
  () =>
    Response.json(
      { status: 429, code: 'RATE_LIMITED', title: 'Trop de requêtes' },
      { status: 429, headers: { 'retry-after': String(seconds) } },
    );

/** Answers each API path from a queue (the last answer repeats), recording every call. */
function stubApi(routes: Record<string, Reply[]>) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      calls.push(url);
      const path = Object.keys(routes).find((prefix) => url.startsWith(prefix));
      const queue = path ? routes[path] : undefined;
      const reply = queue && (queue.length > 1 ? queue.shift() : queue[0]);
      return reply ? reply() : Response.json({ items: [], count: 0, totalUnread: 0 });
    }),
  );
  return calls;
}

function renderApp(element: React.ReactNode) {
  const queryClient = createQueryClient();
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: ['/'] });
  render(
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>,
  );
  return queryClient;
}

beforeEach(() => {
  // The header opens the real-time socket for a signed-in person; no server here.
  vi.stubGlobal(
    'WebSocket',
    class {
      static OPEN = 1;
      readyState = 0;
      addEventListener() {}
      close() {}
    },
  );
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  refusals.clear();
});

describe('a 429 is a wait', () => {
  it('shows a counting-down banner, keeps the person signed in, then retries by itself', async () => {
    const calls = stubApi({
      '/api/auth/session': [() => Response.json(SIGNED_IN), tooMany(42), () => Response.json(SIGNED_IN)],
    });
    const queryClient = renderApp(<Layout />);
    expect(await screen.findByRole('button', { name: 'Se déconnecter' })).toBeTruthy();

    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'Date'] });
    await act(async () => {
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
      await vi.advanceTimersByTimeAsync(10);
    });
    const banner = screen.getByTestId('refusal-banner');
    expect(banner.textContent).toMatch(/Trop de requêtes\s:\sréessayez dans 42\ss/);
    expect(banner.getAttribute('role')).toBe('status');
    // Still signed in: the refused check did not bring back the visitor's header.
    expect(screen.getByRole('button', { name: 'Se déconnecter' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Se connecter' })).toBeNull();

    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(screen.getByTestId('refusal-banner').textContent).toMatch(/dans 40\ss/);

    await act(() => vi.advanceTimersByTimeAsync(41_000));
    expect(screen.queryByTestId('refusal-banner')).toBeNull();
    expect(calls.filter((url) => url === '/api/auth/session')).toHaveLength(3);
    expect(screen.getByRole('button', { name: 'Se déconnecter' })).toBeTruthy();
  });

  it('only a 401 signs out', async () => {
    stubApi({
      '/api/auth/session': [
        () => Response.json(SIGNED_IN),
        () => Response.json({ status: 401, code: 'UNAUTHENTICATED' }, { status: 401 }),
      ],
    });
    const queryClient = renderApp(<Layout />);
    expect(await screen.findByRole('button', { name: 'Se déconnecter' })).toBeTruthy();
    await act(() => queryClient.invalidateQueries({ queryKey: ME_KEY }));
    expect(await screen.findByRole('link', { name: 'Se connecter' })).toBeTruthy();
  });

  it('gives the simulator an error with a retry instead of an endless spinner', async () => {
    stubApi({
      '/api/auth/session': [() => Response.json({ user: null, profile: null })],
      // A long wait (the sensitive routes' 15 minutes) is not held: the page says so at once.
      '/api/simulator/questions': [
        tooMany(900),
        () =>
          Response.json({
            questions: [{ code: 'employees', text: 'Combien de salariés ?', type: 'integer' }],
          }),
      ],
    });
    renderApp(<SimulatorPage />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Trop de demandes en peu de temps. Réessayez dans 15 minutes.');
    await userEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByText('Combien de salariés ?')).toBeTruthy();
  });
});

import type { MeResponse } from '@ft/contracts';
import { QueryClient } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { isValidElement, type ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Providers } from './providers';
import { RequireUser } from './RequireUser';
import { routes } from './router';

type Route = { path?: string; index?: boolean; element?: unknown; children?: Route[] };

/** Each page path with the roles of the guard above it (undefined: no guard; null: any role). */
function guards(list: Route[], parent: string[] | null | undefined = undefined): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const route of list) {
    const element = route.element;
    const guard =
      isValidElement(element) && element.type === RequireUser
        ? ((element as ReactElement<{ roles?: string[] }>).props.roles ?? null)
        : parent;
    if (route.path) found.set(route.path, guard);
    for (const [path, roles] of guards(route.children ?? [], guard)) found.set(path, roles);
  }
  return found;
}

const PUBLIC = [
  'simulateur',
  'simulateur/resultats/:id',
  'connexion',
  // The second step of sign-in: the page itself reads the half-open session and leads on.
  'connexion/code',
  'connexion/double-authentification',
  // The legal texts a visitor reads before ticking the sign-up consents.
  'conditions-utilisation',
  'confidentialite',
  'inscription',
  'inscription/expert',
  'mot-de-passe-oublie',
  'reinitialiser-mot-de-passe',
  'verifier-email',
  'conditions-utilisation',
  'confidentialite',
  '*',
];

const me = (role: MeResponse['user']['role']) => ({
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'a@b.fr',
    role,
    status: 'active',
    emailVerified: true,
  },
  profile: { kind: 'admin' },
});

function renderAt(path: string, session: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Response.json(session)),
  );
  const router = createMemoryRouter(
    [
      { path: '/connexion', element: <p>login page</p> },
      {
        element: <RequireUser roles={['admin']} />,
        children: [{ path: '/admin/produits', element: <p>admin page</p> }],
      },
    ],
    { initialEntries: [path] },
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <Providers queryClient={queryClient}>
      <RouterProvider router={router} />
    </Providers>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('the auth guard', () => {
  it('is a layout route above every page that is not public, with the roles of each area', () => {
    const found = guards(routes as Route[]);
    const unguarded = [...found].filter(([path, roles]) => roles === undefined && !PUBLIC.includes(path));
    expect(unguarded).toEqual([]);
    expect(found.get('espace')).toBeNull();
    expect(found.get('documents')).toEqual(['client']);
    expect(found.get('agenda/disponibilites')).toEqual(['expert']);
    for (const [path, roles] of found) if (path.startsWith('admin/')) expect(roles).toEqual(['admin']);
  });

  it('sends a visitor to the login page', async () => {
    renderAt('/admin/produits', { user: null, profile: null });
    expect(await screen.findByText('login page')).toBeTruthy();
  });

  it('refuses a user of another role and lets the right one in', async () => {
    const client = renderAt('/admin/produits', me('client'));
    expect(await screen.findByRole('heading', { name: 'Page réservée' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Revenir à mon espace' }).getAttribute('href')).toBe('/espace');
    client.unmount();
    renderAt('/admin/produits', me('admin'));
    expect(await screen.findByText('admin page')).toBeTruthy();
  });
});

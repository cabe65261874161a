import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setupI18n } from '../lib/i18n';
import { renderWithApp } from '../test/render';
import { Layout } from './Layout';
import { Providers } from './providers';
import { routes } from './router';

beforeEach(() => {
  // The header asks who is signed in; a visitor gets 401.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Response.json({ code: 'UNAUTHENTICATED' }, { status: 401 })),
  );
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await setupI18n().changeLanguage('fr');
});

describe('layout', () => {
  it('offers a skip link, the main navigation and a way to log in', async () => {
    renderWithApp(<Layout />);
    expect(screen.getByRole('link', { name: 'Aller au contenu' }).getAttribute('href')).toBe('#main');
    expect(screen.getByRole('navigation', { name: 'Navigation principale' })).toBeTruthy();
    expect((await screen.findByRole('link', { name: 'Se connecter' })).getAttribute('href')).toBe(
      '/connexion',
    );
  });

  it('switches the interface to English, updates <html lang> and remembers the choice', async () => {
    renderWithApp(<Layout />);
    expect(await screen.findByRole('link', { name: 'Se connecter' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('fr');
    await userEvent.selectOptions(screen.getByLabelText('Langue'), 'en');
    await waitFor(() => expect(screen.getByRole('link', { name: 'Log in' })).toBeTruthy());
    expect(screen.getByLabelText('Language')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('ft.language')).toBe('en');
  });
});

describe('router', () => {
  it('answers an unknown address with the not-found page, then moves focus to the new page', async () => {
    const router = createMemoryRouter(routes, { initialEntries: ['/page-qui-n-existe-pas'] });
    render(
      <Providers>
        <RouterProvider router={router} />
      </Providers>,
    );
    expect(await screen.findByRole('heading', { level: 1, name: 'Page introuvable' })).toBeTruthy();
    expect(screen.getByRole('contentinfo')).toBeTruthy();
    expect(document.title).toBe('Page introuvable · FinancialTracker');

    await userEvent.click(screen.getByRole('link', { name: "Revenir à l'accueil" }));
    expect(await screen.findByRole('heading', { level: 1, name: /^Récupérez/ })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('main'));
    expect(document.title).toBe('FinancialTracker');
  });
});

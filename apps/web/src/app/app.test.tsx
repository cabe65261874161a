import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { safeNext } from '../features/auth/LoginPage';
import { NotFoundPage } from '../features/errors/NotFoundPage';
import { HomePage } from '../features/home/HomePage';
import { setupI18n } from '../lib/i18n';
import { renderWithApp } from '../test/render';
import { Layout } from './Layout';

beforeEach(() => {
  // The header asks who is signed in; a visitor gets 401.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify({ code: 'UNAUTHENTICATED' }), { status: 401 })),
  );
});
afterEach(async () => {
  vi.unstubAllGlobals();
  await setupI18n().changeLanguage('fr');
});

describe('home page', () => {
  it('presents the offer with a call to run the simulator', () => {
    renderWithApp(<HomePage />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(
      "Récupérez l'argent que votre entreprise peut réclamer",
    );
    const cta = screen.getAllByRole('link', { name: 'Lancer la simulation gratuite' })[0];
    expect(cta?.getAttribute('href')).toBe('/simulateur');
  });
});

describe('language switch', () => {
  it('switches the interface to English, updates <html lang> and remembers the choice', async () => {
    renderWithApp(<Layout />);
    expect(await screen.findByRole('link', { name: 'Se connecter' })).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Langue'), 'en');
    await waitFor(() => expect(screen.getByRole('link', { name: 'Log in' })).toBeTruthy());
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('ft.language')).toBe('en');
  });
});

describe('not found page', () => {
  it('says so in French and links back home', () => {
    renderWithApp(<NotFoundPage />, '/nulle-part');
    expect(screen.getByText('Page introuvable')).toBeTruthy();
    expect(screen.getByRole('link', { name: "Revenir à l'accueil" }).getAttribute('href')).toBe('/');
  });
});

describe('after login', () => {
  it('follows only same-site paths', () => {
    expect(safeNext('/admin/experts')).toBe('/admin/experts');
    expect(safeNext('//evil.example')).toBe('/espace');
    expect(safeNext('https://evil.example')).toBe('/espace');
    expect(safeNext(null)).toBe('/espace');
  });
});

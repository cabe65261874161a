import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './a11y';
import { apiCall } from './api';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import { type DossierWithExpert, dossierWithExpert, PASSWORD } from './flows';
import { finishSignIn, rememberSecret } from './second-factor';

let browser: Browser;
let setup: DossierWithExpert;
let expertId: string;
let simulationId: string;
beforeAll(async () => {
  browser = await launchBrowser();
  setup = await dossierWithExpert({
    productCode: 'PROPERTY_TAX',
    label: 'screens',
    expert: { firmName: 'Foncier Conseil', firstName: 'Marc', lastName: 'Petit', bio: 'Taxe foncière.' },
    client: { companyName: 'Transports Petit', firstName: 'Léa', lastName: 'Petit' },
  });
  const me = await apiCall<{ user: { id: string } }>('GET', '/api/auth/me', undefined, setup.expertToken);
  expertId = me.user.id;
  const latest = await apiCall<{ simulation: { id: string } }>(
    'GET',
    '/api/simulations/latest',
    undefined,
    setup.clientToken,
  );
  simulationId = latest.simulation.id;
});
afterAll(() => browser.close());

/** Whether the page scrolls sideways, how tall the header is, and which primary buttons stick out. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const sticking = (selector: string) =>
      Array.from(document.querySelectorAll<HTMLElement>(selector))
        .filter((el) => el.offsetParent !== null)
        .filter((el) => {
          const box = el.getBoundingClientRect();
          return box.left < -1 || box.right > width + 1;
        })
        .map((el) => `${el.tagName.toLowerCase()}.${el.className} "${el.textContent?.trim().slice(0, 40)}"`);
    // Links wider than their row would slide under the bell: the header must fold them instead.
    const nav = document.querySelector<HTMLElement>('.site-nav');
    return {
      navOverflow: nav && nav.offsetParent !== null ? nav.scrollWidth - nav.clientWidth : 0,
      overflow: document.documentElement.scrollWidth - width,
      header: Math.round(document.querySelector('.site-header')?.getBoundingClientRect().height ?? 0),
      cutButtons: sticking('.btn-primary, button[type="submit"]'),
      wide: sticking('main *').slice(0, 3),
    };
  });

async function signedIn(email: string | null, width: number, password = PASSWORD) {
  const opened = await openPage(browser, { width });
  if (email) {
    await opened.page.goto(`${baseUrl()}/connexion`);
    await opened.page.getByLabel('Adresse e-mail').fill(email);
    await opened.page.getByLabel('Mot de passe').fill(password);
    await opened.page.getByRole('button', { name: 'Se connecter' }).click();
    await finishSignIn(opened.page, email);
    await opened.page.waitForURL('**/espace');
    await opened.page.waitForLoadState('networkidle');
  }
  return opened;
}

/** Loads each route at 360 px and 1280 px, asserting the phone layout and keeping screenshots. */
async function checkRoutes(role: string, email: string | null, routes: string[], password = PASSWORD) {
  const problems: string[] = [];
  for (const width of [360, 1280]) {
    const { page, close } = await signedIn(email, width, password);
    for (const route of routes) {
      await page.goto(`${baseUrl()}${route}`);
      await page.waitForLoadState('networkidle');
      await page
        .locator('.spinner, .state-loading')
        .first()
        .waitFor({ state: 'detached', timeout: 5000 })
        .catch(() => {});
      const m = await measure(page);
      const name = `screens-${role}-${width}-${route.replace(/\//g, '_').replace(/[^\w-]/g, '') || 'home'}`;
      await screenshot(page, name);
      if (width === 360) {
        if (m.overflow > 0)
          problems.push(`${route}: scrolls ${m.overflow}px sideways (${m.wide.join(', ')})`);
        if (m.header >= 64) problems.push(`${route}: header ${m.header}px tall`);
        if (m.cutButtons.length > 0) problems.push(`${route}: buttons cut off: ${m.cutButtons.join(', ')}`);
      } else if (m.header >= 64) problems.push(`${route} at ${width}px: header ${m.header}px tall (wraps)`);
      if (m.navOverflow > 1)
        problems.push(`${route} at ${width}px: links overflow the header by ${m.navOverflow}px`);
    }
    await close();
  }
  expect(problems).toEqual([]);
}

describe('every screen of every role, on a phone and on a laptop', () => {
  it('visitor', async () => {
    await checkRoutes('visitor', null, [
      '/',
      '/simulateur',
      '/connexion',
      '/inscription',
      '/inscription/expert',
      '/connexion/code',
      '/connexion/double-authentification',
      '/conditions-utilisation',
      '/confidentialite',
      '/mot-de-passe-oublie',
      '/reinitialiser-mot-de-passe?token=abc',
      '/verifier-email?token=abc',
      '/page-inconnue',
    ]);
  });

  it('client', async () => {
    await checkRoutes('client', setup.clientEmail, [
      '/espace',
      `/dossiers/${setup.dossierId}`,
      '/documents',
      '/agenda',
      '/messages',
      '/notifications',
      '/compte',
      '/simulateur',
      `/simulateur/resultats/${simulationId}`,
      // Another role's page: said as reserved, with the way back, not as an error.
      '/admin/experts',
    ]);
  });

  it('expert', async () => {
    await checkRoutes('expert', setup.expertEmail, [
      '/espace',
      `/dossiers/${setup.dossierId}`,
      '/agenda',
      '/agenda/disponibilites',
      '/messages',
      '/notifications',
      '/compte',
      '/documents',
    ]);
  });

  it('admin', async () => {
    const admin = inject('admin');
    rememberSecret(admin.email, admin.totpSecret);
    await checkRoutes(
      'admin',
      admin.email,
      [
        '/espace',
        `/dossiers/${setup.dossierId}`,
        '/messages',
        '/notifications',
        '/compte',
        '/admin/experts',
        `/admin/experts/${expertId}`,
        '/admin/produits',
        '/admin/modeles',
        '/admin/clients',
        '/admin/journal',
        '/admin/emails',
      ],
      admin.password,
    );
  });

  it("keeps the admin's links on one row at 1280 px and folds them when they do not fit", async () => {
    const admin = inject('admin');
    rememberSecret(admin.email, admin.totpSecret);
    const { page, close } = await signedIn(admin.email, 1280, admin.password);
    const menu = page.getByRole('button', { name: 'Menu' });
    const experts = page.getByRole('navigation').getByRole('link', { name: 'Experts' });
    // French at 1280 px: every link shown, none under the bell, no menu button.
    expect(await experts.isVisible()).toBe(true);
    expect(await menu.isVisible()).toBe(false);
    expect((await measure(page)).navOverflow).toBeLessThanOrEqual(1);
    // A narrower window: the row no longer fits, so the links fold behind the menu button.
    await page.setViewportSize({ width: 1000, height: 800 });
    await menu.waitFor();
    expect(await experts.isVisible()).toBe(false);
    await menu.click();
    await experts.click();
    await page.waitForURL('**/admin/experts');
    // English words are longer: whatever the width, the links either fit or fold, never overlap.
    await page.evaluate(() => localStorage.setItem('ft.language', 'en'));
    for (const width of [1280, 1100, 900]) {
      await page.setViewportSize({ width, height: 800 });
      await page.reload();
      await page.getByRole('heading', { level: 1 }).waitFor();
      const m = await measure(page);
      expect(m.navOverflow, `${width}px`).toBeLessThanOrEqual(1);
      expect(m.header, `${width}px`).toBeLessThan(64);
    }
    await close();
  });

  it('opens the phone menu with one button and closes it on navigation', async () => {
    const { page, close } = await signedIn(setup.clientEmail, 360);
    const menu = page.getByRole('button', { name: 'Menu' });
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('navigation').getByRole('link', { name: 'Mes documents' }).click();
    await page.waitForURL('**/documents');
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    await close();
  });

  it('shows the expert the client and its answers, and passes axe on a phone', async () => {
    const { page, close } = await signedIn(setup.expertEmail, 360);
    await page.goto(`${baseUrl()}/dossiers/${setup.dossierId}`);
    await page.getByRole('heading', { name: 'Client' }).waitFor();
    expect(
      await page
        .getByText(/^Transports Petit/)
        .first()
        .isVisible(),
    ).toBe(true);
    await page.getByRole('heading', { name: 'Réponses à la simulation' }).waitFor();
    await close();
    const login = (email: string) => async (p: Page) => {
      await p.goto(`${baseUrl()}/connexion`);
      await p.getByLabel('Adresse e-mail').fill(email);
      await p.getByLabel('Mot de passe').fill(PASSWORD);
      await p.getByRole('button', { name: 'Se connecter' }).click();
      await finishSignIn(p, email);
      await p.waitForURL('**/espace');
    };
    expect(
      await axeViolations(browser, `${baseUrl()}/dossiers/${setup.dossierId}`, login(setup.expertEmail)),
    ).toEqual([]);
    expect(
      await axeViolations(browser, `${baseUrl()}/dossiers/${setup.dossierId}`, login(setup.clientEmail)),
    ).toEqual([]);
  });

  it('answers an unknown address with HTTP 404 and the not-found page', async () => {
    const res = await fetch(`${baseUrl()}/page-inconnue`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect((await fetch(`${baseUrl()}/espace`)).status).toBe(200);
  });
});

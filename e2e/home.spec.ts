import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './a11y';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('home page', () => {
  it('renders the offer in French under the CSP without any console error', async () => {
    const { page, problems, close } = await openPage(browser);
    const response = await page.goto(baseUrl());
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      "Récupérez l'argent que votre entreprise peut réclamer",
    );
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await screenshot(page, 'home');
    expect(problems).toEqual([]);
    await close();
  });

  it('switches to English and remembers it on the next visit', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(baseUrl());
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { name: 'Recover the money your company is entitled to' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Recover the money your company is entitled to' }).waitFor();
    await page.getByLabel('Language').selectOption('fr');
    await page
      .getByRole('heading', { name: "Récupérez l'argent que votre entreprise peut réclamer" })
      .waitFor();
    await close();
  });

  it('serves client routes on reload and a French 404 page for unknown ones', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(`${baseUrl()}/connexion`);
    await page.getByRole('heading', { name: 'Connexion' }).waitFor();
    await page.goto(`${baseUrl()}/une-page-qui-n-existe-pas`);
    await page.getByText('Page introuvable').waitFor();
    await close();
  });

  it('works on a 360 px wide phone', async () => {
    const { page, close } = await openPage(browser, { width: 360 });
    await page.goto(baseUrl());
    await page.getByRole('link', { name: 'Lancer la simulation gratuite' }).first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'home-360');
    await close();
  });

  it('has no WCAG 2.1 AA violation on the home and login pages', async () => {
    expect(await axeViolations(browser, baseUrl())).toEqual([]);
    expect(await axeViolations(browser, `${baseUrl()}/connexion`)).toEqual([]);
    expect(await axeViolations(browser, `${baseUrl()}/inscription/expert`)).toEqual([]);
  });
});

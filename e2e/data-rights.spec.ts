import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall } from './api';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import { PASSWORD, signInForm } from './flows';
import { validSiren } from './siren';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const stamp = Date.now().toString().slice(-8);

describe('"Télécharger mes données"', () => {
  it('the card shows the archive being prepared, then ready until a date, and downloads it', async () => {
    const email = `client-export-${stamp}@e2e.example.fr`;
    await apiCall('POST', '/api/auth/signup/client', {
      email,
      password: PASSWORD,
      acceptTerms: true,
      acceptPrivacy: true,
      companyName: 'Archives Dupont SAS',
      siren: validSiren(`6${stamp.slice(-7)}`),
      firstName: 'Noé',
      lastName: 'Dupont',
      phone: '+33 6 55 66 77 88',
    });
    const { page, problems, close } = await openPage(browser);
    await signInForm(page, email);
    await page.waitForURL('**/espace');
    await page.goto(`${baseUrl()}/compte`);
    await page.getByRole('button', { name: 'Télécharger mes données' }).click();
    await page.getByText(/: en préparation…$/).waitFor();
    // The job runs every 30 seconds; the card looks again meanwhile, without a reload.
    await page.getByText(/prête, téléchargeable jusqu'au \d{2}\/\d{2}\/\d{4}/).waitFor({ timeout: 75_000 });
    // Beside a ready archive, the request button says it prepares another one.
    await page.getByRole('button', { name: 'Préparer une nouvelle archive' }).waitFor();
    await screenshot(page, 'data-export-ready');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /Télécharger l'archive/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('financialtracker-mes-donnees.zip');
    const file = await download.path();
    // A zip archive starts with "PK".
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    expect(problems).toEqual([]);
    await close();
  }, 120_000);
});

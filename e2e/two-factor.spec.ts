import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall } from './api';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import { PASSWORD, signInForm } from './flows';
import { enrolInPage, secretOf, totpCode } from './second-factor';
import { validSiren } from './siren';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const stamp = Date.now().toString().slice(-8);

describe('two-factor sign-in', () => {
  it('a client turns TOTP on from its account, then signs in with a code and with a recovery code', async () => {
    const email = `client-2fa-${stamp}@e2e.example.fr`;
    await apiCall('POST', '/api/auth/signup/client', {
      email,
      password: PASSWORD,
      acceptTerms: true,
      acceptPrivacy: true,
      companyName: 'Menuiserie Double SARL',
      siren: validSiren(`3${stamp.slice(-7)}`),
      firstName: 'Inès',
      lastName: 'Roux',
      phone: '+33 6 22 33 44 55',
    });
    const { page, problems, close } = await openPage(browser);
    await signInForm(page, email);
    // No second factor yet: the password is enough.
    await page.waitForURL('**/espace');

    await page.goto(`${baseUrl()}/compte`);
    await page.getByRole('button', { name: 'Activer la double authentification' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    await screenshot(page, 'two-factor-enrol');
    const recoveryCodes = await enrolInPage(page, email);
    expect(recoveryCodes).toHaveLength(10);
    await page.getByText('Activée', { exact: true }).waitFor();
    await page.getByText('10 codes de secours disponibles.').waitFor();
    await screenshot(page, 'two-factor-account');

    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
    await signInForm(page, email);
    await page.waitForURL('**/connexion/code**');
    await page.getByLabel('Code à 6 chiffres').fill('000000');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.getByText('Ce code est incorrect ou a expiré.').waitFor();
    await screenshot(page, 'two-factor-code-wrong');
    await page.getByLabel('Code à 6 chiffres').fill(await totpCode(secretOf(email)));
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL('**/espace');
    await page.getByRole('heading', { name: 'Bonjour Inès' }).waitFor();

    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
    await signInForm(page, email);
    await page.waitForURL('**/connexion/code**');
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
    await page.getByLabel('Code de secours').fill(recoveryCodes[0] ?? '');
    await page.getByRole('button', { name: 'Valider' }).click();
    await page.waitForURL('**/espace');
    await page.goto(`${baseUrl()}/compte`);
    await page.getByText('9 codes de secours disponibles.').waitFor();
    // The wrong code above is the one refusal the console may show.
    expect(problems.filter((text) => !text.includes('401'))).toEqual([]);
    expect(problems.filter((text) => text.includes('401')).length).toBeLessThanOrEqual(1);
    await close();
  }, 120_000);

  it('the second step and enrolment read well on a phone', async () => {
    const email = `client-2fa-phone-${stamp}@e2e.example.fr`;
    await apiCall('POST', '/api/auth/signup/client', {
      email,
      password: PASSWORD,
      acceptTerms: true,
      acceptPrivacy: true,
      companyName: 'Boulangerie Mobile SAS',
      siren: validSiren(`4${stamp.slice(-7)}`),
      firstName: 'Théo',
      lastName: 'Blanc',
      phone: '+33 6 33 44 55 66',
    });
    const { page, close } = await openPage(browser, { width: 360 });
    await signInForm(page, email);
    await page.waitForURL('**/espace');
    await page.goto(`${baseUrl()}/compte`);
    await page.getByRole('button', { name: 'Activer la double authentification' }).click();
    await page.getByRole('img', { name: /QR code/ }).waitFor();
    await screenshot(page, 'two-factor-enrol-phone');
    await enrolInPage(page, email);
    await close();
    const again = await openPage(browser, { width: 360 });
    await signInForm(again.page, email);
    await again.page.waitForURL('**/connexion/code**');
    await screenshot(again.page, 'two-factor-code-phone');
    await again.close();
  }, 90_000);
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall } from './api';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import { PASSWORD, signInForm } from './flows';
import { virtualAuthenticator } from './second-factor';
import { validSiren } from './siren';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const stamp = Date.now().toString().slice(-8);

describe('passkeys', () => {
  it('a client registers a passkey from its account, signs out, and passes the second step with it', async () => {
    const email = `client-passkey-${stamp}@e2e.example.fr`;
    await apiCall('POST', '/api/auth/signup/client', {
      email,
      password: PASSWORD,
      acceptTerms: true,
      acceptPrivacy: true,
      companyName: 'Serrurerie Clé SARL',
      siren: validSiren(`5${stamp.slice(-7)}`),
      firstName: 'Lina',
      lastName: 'Perrin',
      phone: '+33 6 44 55 66 77',
    });
    const { page, problems, close } = await openPage(browser);
    const authenticator = await virtualAuthenticator(page);
    await signInForm(page, email);
    await page.waitForURL('**/espace');

    await page.goto(`${baseUrl()}/compte`);
    await page.getByText("Aucune clé d'accès enregistrée.").waitFor();
    await page.getByRole('button', { name: "Ajouter une clé d'accès" }).click();
    await page.getByLabel("Nom de la clé d'accès").fill('Ordinateur du bureau');
    await page.getByRole('button', { name: "Créer la clé d'accès" }).click();
    // The account's first factor: its recovery codes, shown once.
    await page.locator('.recovery-codes code').first().waitFor();
    expect(await page.locator('.recovery-codes code').count()).toBe(10);
    await page.getByLabel("J'ai enregistré mes codes de secours").check();
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByText('Activée', { exact: true }).waitFor();
    const list = page.getByRole('list', { name: "Mes clés d'accès" });
    await list.getByText('Ordinateur du bureau').waitFor();
    await list.getByText('jamais utilisée', { exact: false }).waitFor();
    await screenshot(page, 'passkey-account');
    const [registered] = await authenticator.credentials();
    expect(registered).toBeDefined();

    await page.getByRole('button', { name: 'Se déconnecter' }).first().click();
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
    await signInForm(page, email);
    await page.waitForURL('**/connexion/code**');
    // The account has a passkey: it is offered first, a code remains possible.
    await page.getByRole('button', { name: 'Utiliser un code de secours' }).waitFor();
    await screenshot(page, 'passkey-second-step');
    await page.getByRole('button', { name: "Utiliser ma clé d'accès" }).click();
    await page.waitForURL('**/espace');
    await page.getByRole('heading', { name: 'Bonjour Lina' }).waitFor();

    // The server moved the counter on with the authenticator's, and recorded the use.
    const [used] = await authenticator.credentials();
    expect(used?.signCount ?? 0).toBeGreaterThan(registered?.signCount ?? 0);
    await page.goto(`${baseUrl()}/compte`);
    await list.getByText(/dernière utilisation le/).waitFor();

    // Renamed, then removed with the password: the last factor gone, the second factor is off.
    await page.getByRole('button', { name: 'Renommer « Ordinateur du bureau »' }).click();
    const rename = page.getByRole('dialog', { name: "Renommer la clé d'accès" });
    await rename.getByLabel("Nom de la clé d'accès").fill('Portable');
    await rename.getByRole('button', { name: 'Enregistrer' }).click();
    await list.getByText('Portable', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Supprimer « Portable »' }).click();
    const removal = page.getByRole('dialog', { name: "Supprimer la clé d'accès « Portable »" });
    await removal.getByText('la double authentification sera désactivée', { exact: false }).waitFor();
    await removal.getByLabel('Mot de passe').fill(PASSWORD);
    await removal.getByRole('button', { name: "Supprimer la clé d'accès" }).click();
    await page.getByText("Aucune clé d'accès enregistrée.").waitFor();
    await page.getByText('Désactivée', { exact: true }).waitFor();
    expect(problems).toEqual([]);
    await close();
  }, 120_000);
});

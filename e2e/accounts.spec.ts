import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import { finishSignIn } from './second-factor';
import { validSiren } from './siren';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const PASSWORD = 'Un-mot-de-passe-solide-42';
const stamp = Date.now().toString().slice(-8);

async function login(page: Page, email: string, password: string) {
  await page.goto(`${baseUrl()}/connexion`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await finishSignIn(page, email);
  await page.waitForURL('**/espace');
}

describe('accounts', () => {
  it('a client signs up, logs out and logs in again', async () => {
    const { page, close } = await openPage(browser);
    const email = `client-${stamp}@e2e.example.fr`;
    await page.goto(`${baseUrl()}/inscription`);
    await page.getByLabel('Raison sociale').fill('Transports Martin SAS');
    await page.getByLabel('SIREN').fill('123');
    await page.getByLabel('Prénom').fill('Léa');
    await page.getByLabel('Nom', { exact: true }).fill('Martin');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Téléphone').fill('+33 6 11 22 33 44');
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByLabel(/conditions d.utilisation/).check();
    await page.getByLabel(/politique de confidentialité/).check();
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    // The error is shown next to the field, and nothing else is lost.
    await page.getByText('Le SIREN doit comporter 9 chiffres.').waitFor();
    expect(await page.getByLabel('Raison sociale').inputValue()).toBe('Transports Martin SAS');
    await page.getByLabel('SIREN').fill(validSiren(`1${stamp}`));
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL('**/espace');
    await page.getByRole('heading', { name: 'Bonjour Léa' }).waitFor();
    await screenshot(page, 'client-dashboard');

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.getByRole('link', { name: 'Se connecter' }).waitFor();
    await page.goto(`${baseUrl()}/espace`);
    await page.waitForURL('**/connexion?suite=%2Fespace');

    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('Pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.getByText('Adresse e-mail ou mot de passe incorrect.').waitFor();
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/espace');
    await page.getByRole('heading', { name: 'Bonjour Léa' }).waitFor();
    await close();
  });

  it('an expert signs up, waits for approval, an admin approves, and the expert reaches the dashboard', async () => {
    const expertEmail = `expert-${stamp}@e2e.example.fr`;
    const expert = await openPage(browser);
    await expert.page.goto(`${baseUrl()}/inscription/expert`);
    await expert.page.getByLabel('Nom du cabinet').fill(`Cabinet Durand ${stamp}`);
    await expert.page.getByLabel('SIREN').fill(validSiren(`2${stamp}`));
    await expert.page.getByLabel('Prénom').fill('Hugo');
    await expert.page.getByLabel('Nom', { exact: true }).fill('Durand');
    await expert.page.getByLabel('Adresse e-mail').fill(expertEmail);
    await expert.page.getByLabel('TICPE').check();
    await expert.page.getByLabel('URSSAF').check();
    await expert.page.getByLabel("Années d'expérience").fill('9');
    await expert.page.getByLabel('Présentation').fill('Expert-comptable, spécialiste de la TICPE.');
    await expert.page.getByLabel('Mot de passe').fill(PASSWORD);
    await expert.page.getByLabel(/conditions d.utilisation/).check();
    await expert.page.getByLabel(/politique de confidentialité/).check();
    await expert.page.getByRole('button', { name: 'Envoyer ma candidature' }).click();
    await expert.page.waitForURL('**/espace');
    await expert.page.getByRole('heading', { name: "Candidature en cours d'examen" }).waitFor();
    await screenshot(expert.page, 'expert-pending');

    const admin = await openPage(browser);
    const { email, password } = inject('admin');
    await login(admin.page, email, password);
    await admin.page.getByRole('link', { name: 'Experts' }).click();
    await admin.page.getByLabel('Statut').selectOption('pending');
    await admin.page.getByRole('button', { name: 'Rechercher' }).click();
    await admin.page.getByRole('link', { name: `Cabinet Durand ${stamp}` }).click();
    await admin.page.getByRole('button', { name: 'Valider' }).click();
    const dialog = admin.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Valider' }).click();
    await admin.page.getByText('Décision enregistrée').waitFor();
    await admin.page.locator('.page-header .badge', { hasText: 'Validé' }).waitFor();
    await screenshot(admin.page, 'admin-expert-approved');

    await admin.page.getByRole('link', { name: 'E-mails' }).click();
    // The notification e-mail job writes the mail to the outbox within its 20 s period.
    const approvalMail = admin.page.getByRole('cell', { name: 'Votre compte expert est validé' });
    await expect
      .poll(
        async () => {
          await admin.page.reload();
          await admin.page.getByRole('heading', { level: 1 }).waitFor();
          return approvalMail.count();
        },
        { timeout: 45_000, interval: 3_000 },
      )
      .toBeGreaterThan(0);
    await admin.close();

    // Approved, the expert must enrol a second factor before going on.
    await expert.page.reload();
    await expert.page.waitForURL('**/connexion/double-authentification**');
    await finishSignIn(expert.page, expertEmail);
    await expert.page.waitForURL('**/espace');
    await expert.page.getByRole('heading', { name: 'Bonjour Hugo' }).waitFor();
    expect(await expert.page.getByText('Votre compte expert est actif.').isVisible()).toBe(true);
    await expert.close();
  }, 90_000);
});

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('dated parameters', () => {
  it('an admin adds next year’s DFS rate with its source; an overlapping period is refused on its field', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(`${baseUrl()}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(inject('admin').email);
    await page.getByLabel('Mot de passe').fill(inject('admin').password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/espace');
    await page.goto(`${baseUrl()}/admin/produits`);
    await page.getByRole('heading', { name: 'Paramètres datés' }).waitFor();

    const row = page.locator('tr', { hasText: 'DFS_RATE' });
    await row.getByText('01/01/2027 → 31/12/2027 : 16 %').waitFor();
    await row.getByRole('button', { name: 'Ajouter une période' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Début (inclus)').fill('2027-06-01');
    await dialog.getByLabel('Valeur (%)').fill('15');
    await dialog.getByLabel('Source (texte cité)').fill('BOSS, barème 2028');
    await dialog.getByRole('button', { name: 'Ajouter une période' }).click();
    await dialog.getByText('Cette période chevauche celle du 01/01/2027 au 31/12/2027.').waitFor();
    await screenshot(page, 'admin-parameter-overlap');

    await dialog.getByLabel('Début (inclus)').fill('2028-01-01');
    await dialog.getByLabel('Fin (incluse, facultative)').fill('2028-12-31');
    await dialog.getByLabel('Citation courte (affichée dans le calcul)').fill('BOSS 2028');
    await dialog.getByLabel('Lien vers la source (facultatif)').fill('https://boss.gouv.fr/');
    await dialog.getByRole('button', { name: 'Ajouter une période' }).click();
    await row.getByText('01/01/2028 → 31/12/2028 : 15 %').waitFor();
    await row.getByRole('link', { name: 'BOSS, barème 2028' }).waitFor();
    await screenshot(page, 'admin-parameters');
    await close();
  });
});

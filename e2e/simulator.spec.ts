import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import { validSiren } from './siren';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

async function next(page: Page) {
  await page.getByRole('button', { name: /^(Suivant|Voir mes résultats)$/ }).click();
}
async function choose(page: Page, label: string) {
  await page.getByLabel(label, { exact: true }).check();
  await next(page);
}
async function type(page: Page, question: string, value: string) {
  await page.getByLabel(question).fill(value);
  await next(page);
}

describe('simulator', () => {
  it('a visitor completes worked example A, sees 159 300 €, creates an account and finds 7 dossiers', async () => {
    const { page, close } = await openPage(browser);
    await page.goto(baseUrl());
    await page.getByRole('link', { name: 'Lancer la simulation gratuite' }).first().click();
    await page.waitForURL('**/simulateur');

    await choose(page, 'Transport et logistique');
    await type(page, "Quel est votre chiffre d'affaires annuel ?", '750 000');
    await type(page, 'Combien de salariés employez-vous ?', '35');
    await choose(page, 'Oui');
    await type(page, 'Quel est le montant annuel de votre taxe foncière ?', '10000');
    await type(
      page,
      'Quel est le montant total de vos factures impayées depuis plus de 90 jours ? (0 si aucune)',
      '0',
    );
    await choose(page, 'Oui');
    await type(page, "Montant mensuel moyen de vos factures d'électricité ?", '2 000');
    await choose(page, 'Non');
    await choose(page, 'Oui');
    await page.getByLabel('Camions de plus de 7,5 t').check();
    await next(page);
    await type(page, 'Consommation mensuelle de gazole (litres) ?', '5000');
    // Going back keeps the answers, and an impossible value is refused inline.
    await page.getByRole('button', { name: 'Retour' }).click();
    expect(await page.getByLabel('Consommation mensuelle de gazole (litres) ?').inputValue()).toBe(
      '5 000'.replace(' ', '\u202f'),
    );
    await next(page);
    await type(page, 'Combien de chauffeurs salariés ?', '10000');
    await page.getByText('La valeur ne peut pas dépasser le nombre de salariés (35).').waitFor();
    await type(page, 'Combien de chauffeurs salariés ?', '10');

    const total = page.getByTestId('results-total');
    await total.waitFor();
    expect(await total.textContent()).toBe('159\u202f300\u00a0€');
    await page.getByRole('heading', { name: '7 dispositifs éligibles' }).waitFor();
    await screenshot(page, 'simulator-results');

    await page.getByRole('link', { name: 'Créer mon compte pour lancer mes dossiers' }).click();
    await page.getByLabel('Raison sociale').fill('Transports Bernard');
    await page.getByLabel('SIREN').fill(validSiren(`3${Date.now()}`));
    await page.getByLabel('Prénom').fill('Nina');
    await page.getByLabel('Nom', { exact: true }).fill('Bernard');
    await page.getByLabel('Adresse e-mail').fill(`simu-${Date.now()}@e2e.example.fr`);
    await page.getByLabel('Téléphone').fill('+33 6 00 00 00 00');
    await page.getByLabel('Mot de passe').fill('Un-mot-de-passe-solide-42');
    await page.getByLabel(/conditions d.utilisation/).check();
    await page.getByLabel(/politique de confidentialité/).check();
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await page.waitForURL('**/espace');

    await page.getByRole('heading', { name: 'Mes dossiers' }).waitFor();
    expect(await page.locator('table tbody tr').count()).toBe(7);
    // The estimated savings on the dashboard are the simulation's total.
    await page
      .locator('.stat', { hasText: 'Économies estimées' })
      .getByText('159\u202f300,00\u00a0€')
      .waitFor();
    await screenshot(page, 'client-dossiers');
    await close();
  });
});

import { defaultCatalogue, evaluate, frenchDate, parisDay, WORKED_EXAMPLE_A } from '@ft/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import { validSiren } from './siren';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const euros = new Intl.NumberFormat('fr-FR', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});

/** Waits for the progress line to say `text` (it changes once the next question is shown). */
async function questionsLeft(page: Page, text: string) {
  await page.getByTestId('questions-left').getByText(text, { exact: true }).waitFor();
}
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
  it('a visitor answers worked example A, sees the annual total, deadlines and sources at their own URL, signs up and finds the deadline on the dashboard', async () => {
    // The server evaluates on today's Paris date with the default catalogue: so does this test.
    const expected = evaluate(defaultCatalogue, WORKED_EXAMPLE_A, parisDay(new Date()));
    const ticpe = expected.products.find((p) => p.code === 'TICPE');
    if (!ticpe?.claimBy || ticpe.amountEuros === null) throw new Error('TICPE has an amount and a deadline');

    const { page, close } = await openPage(browser);
    await page.goto(baseUrl());
    await page.getByRole('link', { name: 'Lancer la simulation gratuite' }).first().click();
    await page.waitForURL('**/simulateur');

    // 8 questions are shown before any answer; follow-up questions add to the count as they appear.
    await questionsLeft(page, 'Encore 7 questions après celle-ci');
    await choose(page, 'Transport et logistique');
    await type(page, "Quel est votre chiffre d'affaires annuel ?", '750 000');
    await type(page, 'Combien de salariés employez-vous ?', '35');
    await choose(page, 'Oui');
    await type(page, 'Quel est le montant annuel de votre taxe foncière ?', '10000');
    await choose(page, 'Industriel ou entrepôt');
    await type(
      page,
      'Sur les 12 derniers mois, combien de mois ces locaux sont-ils restés vacants malgré vous ?',
      '0',
    );
    await type(
      page,
      'Quel est le montant total de vos factures impayées depuis plus de 90 jours ? (0 si aucune)',
      '0',
    );
    await questionsLeft(page, 'Encore 3 questions après celle-ci');
    await choose(page, 'Oui');
    // Two follow-up questions appeared: the count says so.
    await questionsLeft(page, 'Encore 4 questions après celle-ci');
    await type(page, "Consommation annuelle d'électricité (MWh, sur vos factures) ?", '120');
    await type(page, 'Prix de l’énergie de votre contrat, hors acheminement et taxes (€/MWh HT) ?', '160');
    await choose(page, 'Non');
    await choose(page, 'Oui');
    await page.getByLabel('Camions de 7,5 t ou plus').check();
    await next(page);
    await type(page, 'Combien de camions ou tracteurs de 7,5 t ou plus (PTAC) ?', '10');
    // A yearly figure impossible for 10 trucks is refused, with the bound in words.
    const litres = 'Litres de gazole achetés en France continentale par an pour ces véhicules ?';
    await type(page, litres, '700 000');
    await page
      .getByText(
        'Plus de 60\u202f000 L par véhicule et par an (700\u202f000 L pour 10 véhicules) : vérifiez le chiffre.',
      )
      .waitFor();
    await page.getByText('relevés de vos cartes carburant').waitFor();
    await type(page, litres, '300 000');
    await choose(page, 'Non');
    const drivers =
      "Combien de chauffeurs grands routiers ou de conducteurs d'autocar (lignes régulières ou occasionnelles) employez-vous ?";
    await type(page, drivers, '36');
    await page.getByText('La valeur ne peut pas dépasser le nombre de salariés (35).').waitFor();
    await type(page, drivers, '10');
    await questionsLeft(page, 'Dernière question');
    await choose(page, 'Non');

    await page.waitForURL('**/simulateur/resultats/*');
    const annual = page.getByTestId('results-annual');
    await annual.waitFor();
    expect(await annual.textContent()).toBe(`${euros.format(expected.annualEuros)} par an`);
    expect(await page.getByTestId('results-one-off').textContent()).toBe(euros.format(0));
    const card = page.getByTestId('result-TICPE');
    expect(await card.locator('.result-amount').textContent()).toBe(
      `${euros.format(ticpe.amountEuros)} par an`,
    );
    await card.getByText(`À réclamer avant le ${frenchDate(ticpe.claimBy)}`).waitFor();
    await card.getByText('300\u202f000 L × ').waitFor();
    await page.getByTestId('result-URSSAF').getByText("Montant établi par l'expert").waitFor();
    await card.getByText('Sources').click();
    const dreal = card.getByRole('link', { name: /DREAL Centre-Val de Loire/ });
    expect(await dreal.getAttribute('href')).toMatch(/^https:\/\//);
    await page.getByRole('heading', { name: '7 dispositifs éligibles' }).waitFor();
    await screenshot(page, 'simulator-results');

    // The results have their own address: a reload shows them again.
    await page.reload();
    await page.getByTestId('results-annual').waitFor();
    expect(await page.getByTestId('results-annual').textContent()).toBe(
      `${euros.format(expected.annualEuros)} par an`,
    );

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
    await page
      .getByTestId('deadline-TICPE')
      .getByText(`avant le ${frenchDate(ticpe.claimBy)}`)
      .waitFor();
    await page
      .locator('.stat', { hasText: 'Économies estimées par an' })
      .getByText(euros.format(expected.annualEuros), { exact: true })
      .waitFor();
    await screenshot(page, 'client-dossiers');
    await close();
  });
});

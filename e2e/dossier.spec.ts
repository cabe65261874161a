import { WORKED_EXAMPLE_B } from '@ft/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './browser';
import * as flows from './flows';
import { approvedExpert, clientFromSimulation, fillBilling, signLetters } from './flows';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const loginPage = (email: string) => flows.loginPage(browser, email);

/** Clicks an action, confirms it in its dialog, and waits for the confirmation toast. */
async function act(page: Page, action: string, fill?: (page: Page) => Promise<void>) {
  await page.getByRole('button', { name: action }).click();
  await fill?.(page);
  await page.getByRole('dialog').getByRole('button', { name: action }).click();
  await page.getByText('Action enregistrée.').first().waitFor();
}

describe('dossier (short track)', () => {
  it('a client picks an expert, the expert quotes, the client accepts, the expert invoices and the client pays', async () => {
    const stamp = Date.now().toString();
    const { email: expertEmail } = await approvedExpert({
      label: 'dossier',
      stamp,
      productCode: 'ELECTRICITY_SUPPLIER',
      expert: {
        firmName: 'Énergie Conseil',
        firstName: 'Inès',
        lastName: 'Roy',
        bio: 'Courtière en énergie.',
      },
    });
    const { email: clientEmail, siren } = await clientFromSimulation({
      label: 'dossier',
      stamp,
      answers: WORKED_EXAMPLE_B,
      client: { companyName: 'Conseil Lefèvre', firstName: 'Jules', lastName: 'Lefèvre' },
    });

    const client = await loginPage(clientEmail);
    await client.page.getByRole('link', { name: "Renégociation du contrat d'électricité" }).click();
    await client.page.getByRole('button', { name: 'Choisir un expert' }).click();
    await client.page.getByRole('heading', { name: `Énergie Conseil ${stamp}` }).waitFor();
    const card = client.page.locator('.cards > .card', { hasText: `Énergie Conseil ${stamp}` });
    await card.getByRole('button', { name: 'Choisir cet expert' }).click();
    await client.page.getByText('Action enregistrée.').first().waitFor();
    const dossierUrl = client.page.url();

    const expertView = await loginPage(expertEmail);
    await expertView.page
      .locator('table')
      .getByRole('link', { name: "Renégociation du contrat d'électricité" })
      .click();
    await act(expertView.page, 'Accepter le dossier');
    await act(expertView.page, 'Envoyer un devis', async (page) => {
      await page.getByLabel('Montant du devis').fill('1 500');
      await page.getByLabel('Description').fill('Mise en concurrence de cinq fournisseurs.');
      await page.getByLabel("Valable jusqu'au").fill('2099-12-31');
    });

    await client.page.goto(dossierUrl);
    // The quote's fee before acceptance, then the letter and mandate to sign (the gate).
    await client.page
      .getByText(/Vous réglez 1\s800,00\s€ TTC à FinancialTracker/)
      .first()
      .waitFor();
    await signLetters(client.page, { name: 'Jules Lefèvre', capacity: 'Gérant' });
    await act(client.page, 'Accepter le devis');
    await fillBilling(client.page, siren);
    await client.page.goto(dossierUrl);
    await expertView.page.reload();
    await act(expertView.page, 'Émettre la facture');
    await client.page.reload();
    await act(client.page, 'Confirmer le paiement');
    await client.page.locator('.page-header .badge', { hasText: 'Terminé' }).waitFor();
    expect(await client.page.getByText(/Facture FT-\d{4}-\d{5}/).isVisible()).toBe(true);

    const [download] = await Promise.all([
      client.page.waitForEvent('download'),
      client.page.getByText('Télécharger la facture (PDF)').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^FT-\d{4}-\d{5}\.pdf$/);
    await screenshot(client.page, 'dossier-completed');
    await client.close();
    await expertView.close();
  });
});

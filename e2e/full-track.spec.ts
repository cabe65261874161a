import { readFile } from 'node:fs/promises';
import { WORKED_EXAMPLE_A } from '@ft/domain';
import { FacturX } from 'factur-x-kit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminToken, apiCall } from './api';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import { fillBilling, signLetters } from './flows';
import { finishSignIn } from './second-factor';
import { validSiren } from './siren';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const PASSWORD = 'Un-mot-de-passe-solide-42';
const PDF = {
  name: 'piece.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
};

async function loginPage(email: string, password = PASSWORD) {
  const opened = await openPage(browser);
  await opened.page.goto(`${baseUrl()}/connexion`);
  await opened.page.getByLabel('Adresse e-mail').fill(email);
  await opened.page.getByLabel('Mot de passe').fill(password);
  await opened.page.getByRole('button', { name: 'Se connecter' }).click();
  await finishSignIn(opened.page, email);
  await opened.page.waitForURL('**/espace');
  return opened;
}

async function act(page: Page, action: string, fill?: (page: Page) => Promise<void>) {
  await page.getByRole('button', { name: action, exact: true }).click();
  await fill?.(page);
  await page.getByRole('dialog').getByRole('button', { name: action, exact: true }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await page.getByText('Action enregistrée.').first().waitFor();
}

async function uploadItem(page: Page, label: string) {
  await page.getByLabel(`Déposer : ${label}`).setInputFiles(PDF);
  await page.locator('.item-row', { hasText: label }).getByText('Déposée').waitFor();
}

describe('dossier (full track)', () => {
  it('client, admin and expert take a TICPE dossier from eligible to completed and the client downloads the invoice', async () => {
    const stamp = Date.now().toString();
    const expertEmail = `expert-full-${stamp}@e2e.example.fr`;
    const expert = await apiCall<{ user: { id: string } }>('POST', '/api/auth/signup/expert', {
      email: expertEmail,
      password: PASSWORD,
      acceptTerms: true,
      acceptPrivacy: true,
      firmName: `Douanes Experts ${stamp}`,
      siren: validSiren(`6${stamp}`),
      firstName: 'Marc',
      lastName: 'Petit',
      productCodes: ['TICPE'],
      yearsOfExperience: 15,
      bio: 'Spécialiste de la TICPE.',
    });
    await apiCall('POST', `/api/admin/experts/${expert.user.id}/approve`, {}, await adminToken());
    const simulation = await apiCall<{ id: string; token: string }>('POST', '/api/simulations', {
      answers: WORKED_EXAMPLE_A,
    });
    await fetch(`${baseUrl()}/api/simulations/${simulation.id}/evaluate`, {
      method: 'POST',
      headers: { 'x-simulation-token': simulation.token },
    });
    const clientEmail = `client-full-${stamp}@e2e.example.fr`;
    const clientSiren = validSiren(`7${stamp}`);
    await apiCall('POST', '/api/auth/signup/client', {
      email: clientEmail,
      password: PASSWORD,
      acceptTerms: true,
      acceptPrivacy: true,
      companyName: 'Transports Garnier',
      siren: clientSiren,
      firstName: 'Sophie',
      lastName: 'Garnier',
      phone: '+33 6 44 55 66 77',
      simulationToken: simulation.token,
    });

    const client = await loginPage(clientEmail);
    await client.page.getByRole('link', { name: 'Remboursement partiel de TICPE' }).click();
    await client.page.getByRole('heading', { name: 'Remboursement partiel de TICPE' }).waitFor();
    const url = client.page.url();
    for (const label of [
      'Certificats d’immatriculation des véhicules',
      'Factures de carburant et relevés de cartes carburant',
      'Extrait Kbis de moins de 3 mois',
      "Relevé d'identité bancaire (RIB)",
    ]) {
      await uploadItem(client.page, label);
    }
    await act(client.page, 'Envoyer pour validation');

    const admin = await loginPage(inject('admin').email, inject('admin').password);
    await admin.page.goto(url);
    await act(admin.page, "Valider l'éligibilité");

    await client.page.reload();
    await client.page.getByRole('button', { name: 'Choisir un expert' }).click();
    const expertCard = client.page.locator('.cards > .card', { hasText: `Douanes Experts ${stamp}` });
    // The fee rate is shown before the client picks.
    await expertCard.getByText(/Honoraires de résultat\s:\s30\s%/).waitFor();
    await expertCard.getByRole('button', { name: 'Choisir cet expert' }).click();
    await client.page.getByText('Action enregistrée.').first().waitFor();

    const expertView = await loginPage(expertEmail);
    await expertView.page.goto(url);
    await act(expertView.page, 'Accepter le dossier');
    // The client's legal representative reads and signs the letter and the mandate.
    await client.page.reload();
    await client.page.getByText('Lisez et signez la lettre de mission').waitFor();
    await screenshot(client.page, 'full-track-letters-to-sign');
    await signLetters(client.page, { name: 'Sophie Garnier', capacity: 'Gérante' });
    await screenshot(client.page, 'full-track-letters-signed');
    await expertView.page.reload();
    await act(expertView.page, 'Demander des pièces', (page) =>
      page.getByLabel('Pièces demandées').fill('Cartes grises des poids lourds'),
    );

    await client.page.reload();
    await uploadItem(client.page, 'Cartes grises des poids lourds');
    await act(client.page, 'Transmettre les pièces');

    await expertView.page.reload();
    await expertView.page
      .locator('.item-row', { hasText: 'Cartes grises des poids lourds' })
      .getByRole('button', { name: 'Valider' })
      .click();
    await expertView.page
      .locator('.item-row', { hasText: 'Cartes grises des poids lourds' })
      .getByText('Validée')
      .waitFor();
    await act(expertView.page, "Démarrer l'audit");
    await act(expertView.page, "Rendre l'audit", async (page) => {
      await page.getByLabel('Montant final').fill('12 000');
      await page.getByLabel("Rapport d'audit").fill('Volumes vérifiés sur 12 mois de factures.');
    });

    await client.page.reload();
    await act(client.page, "Accepter l'audit", async (page) => {
      // Rate, fee excl. and incl. VAT on the audited amount, and who pays whom, before accepting.
      const dialog = page.getByRole('dialog');
      await dialog.getByText(/30\s% HT du montant audité de 12\s000,00\s€/).waitFor();
      await dialog.getByText('4\u202f320,00\u00a0€').first().waitFor();
      await dialog.getByText(/Vous réglez .* TTC à FinancialTracker/).waitFor();
      await screenshot(page, 'full-track-accept-audit-fees');
    });

    await expertView.page.reload();
    await act(expertView.page, 'Enregistrer le dépôt', async (page) => {
      await page.getByLabel('Administration').fill('Douanes');
      await page.getByLabel('Référence du dépôt').fill(`TIC-${stamp}`);
      await page.getByLabel('Date de dépôt').fill('2026-11-20');
    });
    await act(expertView.page, 'Enregistrer la décision', async (page) => {
      await page.getByLabel('Décision', { exact: true }).selectOption('accepted');
      await page.getByLabel('Montant accordé').fill('12 000');
      await page.getByLabel('Date de la décision').fill('2026-11-23');
    });
    await fillBilling(client.page, clientSiren);
    await client.page.goto(url);
    await act(expertView.page, 'Confirmer le remboursement');

    await client.page.reload();
    await act(client.page, 'Confirmer le paiement');
    await client.page.locator('.page-header .badge', { hasText: 'Terminé' }).waitFor();
    const [download] = await Promise.all([
      client.page.waitForEvent('download'),
      client.page.getByText('Télécharger la facture (PDF)').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^FT-\d{4}-\d{5}\.pdf$/);
    // Opened: a Factur-X PDF/A-3 whose EN 16931 data a Factur-X reader accepts.
    const file = await readFile(String(await download.path()));
    const facturX = await FacturX.fromPDF(new Uint8Array(file));
    expect(facturX.validate().valid).toBe(true);
    expect(facturX.object).toMatchObject({
      buyer: { name: 'Transports Garnier' },
      totals: { grossTotal: 4320 },
    });
    expect(await client.page.getByText('4 320,00 €'.replace(' ', '\u202f')).count()).toBeGreaterThan(0);
    await client.page.getByLabel('Note').selectOption('4');
    await client.page.getByLabel('Commentaire (facultatif)').fill('Très réactif.');
    await client.page.getByRole('button', { name: 'Envoyer mon avis' }).click();
    await client.page.getByText('4 sur 5').waitFor();
    await screenshot(client.page, 'full-track-completed');
    await Promise.all([client.close(), admin.close(), expertView.close()]);
  });
});

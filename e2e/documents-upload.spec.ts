import { WORKED_EXAMPLE_A } from '@ft/domain';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiCall } from './api';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import { validSiren } from './siren';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const PASSWORD = 'Un-mot-de-passe-solide-42';
const pdfBytes = (text: string, padding = 0) =>
  Buffer.concat([
    Buffer.from(`%PDF-1.4\n% ${text}\n`),
    Buffer.alloc(padding, 0x20),
    Buffer.from('\n%%EOF\n'),
  ]);

/** Drops files on an element the way a browser does: a `drop` event carrying a DataTransfer. */
async function dropFiles(page: Page, selector: string, files: { name: string; base64: string }[]) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) {
      const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], file.name, { type: 'application/pdf' }));
    }
    return transfer;
  }, files);
  await page.locator(selector).dispatchEvent('dragover', { dataTransfer });
  await page.locator(selector).dispatchEvent('drop', { dataTransfer });
}

async function clientWithDossiers(stamp: string) {
  const simulation = await apiCall<{ id: string; token: string }>('POST', '/api/simulations', {
    answers: WORKED_EXAMPLE_A,
  });
  await fetch(`${baseUrl()}/api/simulations/${simulation.id}/evaluate`, {
    method: 'POST',
    headers: { 'x-simulation-token': simulation.token },
  });
  const email = `client-upload-${stamp}@e2e.example.fr`;
  const signup = await apiCall<{ token: string }>('POST', '/api/auth/signup/client', {
    email,
    password: PASSWORD,
    acceptTerms: true,
    acceptPrivacy: true,
    companyName: 'Transports Garnier',
    siren: validSiren(`7${stamp}`),
    firstName: 'Lucie',
    lastName: 'Garnier',
    phone: '+33 6 11 22 33 44',
    simulationToken: simulation.token,
  });
  const dossiers = await apiCall<{ items: { id: string; productCode: string }[] }>(
    'GET',
    '/api/dossiers',
    undefined,
    signup.token,
  );
  const byProduct = Object.fromEntries(dossiers.items.map((d) => [d.productCode, d.id]));
  return { email, byProduct };
}

describe('documents in the browser', () => {
  it('drag-and-drop with progress and cancel, withdraw, reuse on another dossier, and "Mes documents"', async () => {
    const stamp = Date.now().toString();
    const { email, byProduct } = await clientWithDossiers(stamp);
    const { page, problems, close } = await openPage(browser);
    await page.goto(`${baseUrl()}/connexion`);
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL('**/espace');

    await page.goto(`${baseUrl()}/dossiers/${byProduct.TICPE}`);
    const kbis = page.locator('.item-row', { hasText: 'Extrait Kbis' });
    await kbis.locator('.dropzone').waitFor();

    // A slow line, so the progress bar and the cancel button can be seen and used.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 64 * 1024,
    });
    const big = pdfBytes('kbis-lourd', 3 * 1024 * 1024).toString('base64');
    await dropFiles(page, '.item-row:has-text("Extrait Kbis") .dropzone', [
      { name: 'kbis-lourd.pdf', base64: big },
    ]);
    const progress = kbis.locator('progress');
    await progress.waitFor();
    await page.waitForFunction(() => {
      const bar = document.querySelector('.item-row progress') as HTMLProgressElement | null;
      return bar !== null && bar.value > 0;
    });
    await screenshot(page, 'documents-upload-progress');
    await kbis
      .getByRole('button', { name: 'Annuler l’envoi' })
      .or(kbis.getByRole('button', { name: "Annuler l'envoi" }))
      .click();
    await page.getByText('Envoi annulé.').waitFor();
    await expect.poll(() => progress.count()).toBe(0);
    await expect.poll(() => kbis.getByText('À fournir').count()).toBe(1);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    // Dropped at full speed: uploaded, its version listed.
    await dropFiles(page, '.item-row:has-text("Extrait Kbis") .dropzone', [
      { name: 'kbis-mauvais.pdf', base64: pdfBytes('mauvais').toString('base64') },
    ]);
    await kbis.getByText('Déposée').waitFor();
    await kbis.locator('.versions').getByText('kbis-mauvais.pdf').waitFor();

    // Withdrawn after a confirmation: the item asks for the document again.
    await kbis.getByRole('button', { name: 'Retirer' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('ne sera plus visible').waitFor();
    await dialog.getByRole('button', { name: 'Retirer' }).click();
    await kbis.getByText('À fournir').waitFor();
    await expect.poll(() => kbis.getByText('kbis-mauvais.pdf').count()).toBe(0);

    // The keyboard path: the zone is a labelled file input.
    await page.getByLabel('Déposer : Extrait Kbis de moins de 3 mois').setInputFiles({
      name: 'Kbis Garnier.pdf',
      mimeType: 'application/pdf',
      buffer: pdfBytes('kbis-bon'),
    });
    await kbis.locator('.versions').getByText('Kbis Garnier.pdf').waitFor();
    await kbis.getByText('Déposée').waitFor();
    await screenshot(page, 'documents-checklist-client');

    // On another dossier, the Kbis already sent is offered instead of a new upload.
    await page.goto(`${baseUrl()}/dossiers/${byProduct.URSSAF}`);
    const otherKbis = page.locator('.item-row', { hasText: 'Extrait Kbis' });
    await otherKbis.getByText('Vous avez déjà envoyé ce document').waitFor();
    await screenshot(page, 'documents-reuse-offer');
    await otherKbis.getByRole('button', { name: 'Utiliser le document déjà envoyé' }).click();
    await otherKbis.getByText('Déposée').waitFor();
    await otherKbis
      .getByText('réutilisée d’un autre dossier')
      .or(otherKbis.getByText("réutilisée d'un autre dossier"))
      .waitFor();

    // "Mes documents": both, then filtered.
    await page.getByRole('link', { name: 'Mes documents' }).click();
    await page.waitForURL('**/documents');
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await screenshot(page, 'documents-mine');
    await page.getByLabel('Dossier').selectOption({ label: 'Optimisation des charges sociales (URSSAF)' });
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByLabel('Statut').selectOption({ label: 'Validée' });
    await page.getByText('Aucun document ne correspond à ces filtres.').waitFor();
    await screenshot(page, 'documents-mine-empty');
    // On a phone: filters stack, the table scrolls inside its frame.
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto(`${baseUrl()}/documents`);
    await expect.poll(() => rows.count()).toBe(2);
    await screenshot(page, 'documents-mine-phone');
    await page.goto(`${baseUrl()}/dossiers/${byProduct.URSSAF}`);
    await otherKbis.getByText('Déposée').waitFor();
    await screenshot(page, 'documents-checklist-phone');
    expect(problems).toEqual([]);
    await close();

    // An admin purges the Kbis with a reason: the bytes go, a dated tombstone stays.
    const admin = await openPage(browser);
    await admin.page.goto(`${baseUrl()}/connexion`);
    await admin.page.getByLabel('Adresse e-mail').fill(inject('admin').email);
    await admin.page.getByLabel('Mot de passe').fill(inject('admin').password);
    await admin.page.getByRole('button', { name: 'Se connecter' }).click();
    await admin.page.waitForURL('**/espace');
    await admin.page.goto(`${baseUrl()}/dossiers/${byProduct.URSSAF}`);
    const adminKbis = admin.page.locator('.item-row', { hasText: 'Extrait Kbis' });
    await adminKbis.getByRole('button', { name: 'Purger' }).click();
    const purge = admin.page.getByRole('dialog');
    await purge.getByLabel('Motif de la purge').fill('Kbis d’une autre société');
    await purge.getByRole('button', { name: 'Purger' }).click();
    await adminKbis.getByText('Supprimée définitivement').waitFor();
    await adminKbis.getByText('À fournir').waitFor();
    await screenshot(admin.page, 'documents-purged-admin');
    expect(admin.problems).toEqual([]);
    await admin.close();
  });
});

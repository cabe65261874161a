import { WORKED_EXAMPLE_A } from '@ft/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, apiCall } from './api';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import { finishSignIn, signInApi } from './second-factor';
import { validSiren } from './siren';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const PASSWORD = 'Un-mot-de-passe-solide-42';
const pdf = (text: string) => ({
  name: `${text}.pdf`,
  mimeType: 'application/pdf',
  buffer: Buffer.from(`%PDF-1.4\n% ${text}\ntrailer <<>>\n%%EOF\n`),
});

async function loginPage(email: string) {
  const opened = await openPage(browser);
  await opened.page.goto(`${baseUrl()}/connexion`);
  await opened.page.getByLabel('Adresse e-mail').fill(email);
  await opened.page.getByLabel('Mot de passe').fill(PASSWORD);
  await opened.page.getByRole('button', { name: 'Se connecter' }).click();
  await finishSignIn(opened.page, email);
  await opened.page.waitForURL('**/espace');
  return opened;
}

describe('documents', () => {
  it('a client uploads, the expert rejects with a reason, the client uploads a new version, the expert approves', async () => {
    const stamp = Date.now().toString();
    const token = await adminToken();
    const expertEmail = `expert-docs-${stamp}@e2e.example.fr`;
    const expert = await apiCall<{ user: { id: string } }>('POST', '/api/auth/signup/expert', {
      email: expertEmail,
      password: PASSWORD,
      acceptTerms: true,
      acceptPrivacy: true,
      firmName: `Pièces Conseil ${stamp}`,
      siren: validSiren(`8${stamp}`),
      firstName: 'Léon',
      lastName: 'Blanc',
      productCodes: ['TICPE'],
      yearsOfExperience: 3,
      bio: 'Audit TICPE.',
    });
    await apiCall('POST', `/api/admin/experts/${expert.user.id}/approve`, {}, token);
    const simulation = await apiCall<{ id: string; token: string }>('POST', '/api/simulations', {
      answers: WORKED_EXAMPLE_A,
    });
    await fetch(`${baseUrl()}/api/simulations/${simulation.id}/evaluate`, {
      method: 'POST',
      headers: { 'x-simulation-token': simulation.token },
    });
    const clientEmail = `client-docs-${stamp}@e2e.example.fr`;
    const signup = await apiCall<{ token: string }>('POST', '/api/auth/signup/client', {
      email: clientEmail,
      password: PASSWORD,
      acceptTerms: true,
      acceptPrivacy: true,
      companyName: 'Autocars Morel',
      siren: validSiren(`9${stamp}`),
      firstName: 'Anne',
      lastName: 'Morel',
      phone: '+33 6 77 88 99 00',
      simulationToken: simulation.token,
    });
    // The dossier is brought to the point where the expert has requested a document.
    const dossiers = await apiCall<{ items: { id: string; productCode: string }[] }>(
      'GET',
      '/api/dossiers',
      undefined,
      signup.token,
    );
    const id = dossiers.items.find((d) => d.productCode === 'TICPE')?.id ?? '';
    const expertToken = await signInApi(expertEmail, PASSWORD);
    await apiCall(
      'POST',
      `/api/dossiers/${id}/force-transition`,
      { to: 'admin_validated', reason: 'Pièces vérifiées hors ligne' },
      token,
    );
    await apiCall('POST', `/api/dossiers/${id}/propose-expert`, { expertId: expert.user.id }, signup.token);
    await apiCall('POST', `/api/dossiers/${id}/accept-assignment`, {}, expertToken);
    await apiCall(
      'POST',
      `/api/dossiers/${id}/request-documents`,
      { items: [{ label: 'Contrat de location', required: true }] },
      expertToken,
    );

    const client = await loginPage(clientEmail);
    await client.page.goto(`${baseUrl()}/dossiers/${id}`);
    await client.page.getByLabel('Déposer : Contrat de location').setInputFiles(pdf('contrat-v1'));
    await client.page.locator('.item-row', { hasText: 'Contrat de location' }).getByText('Déposée').waitFor();

    const expertView = await loginPage(expertEmail);
    await expertView.page.goto(`${baseUrl()}/dossiers/${id}`);
    const row = expertView.page.locator('.item-row', { hasText: 'Contrat de location' });
    await row.getByRole('button', { name: 'Refuser' }).click();
    await expertView.page.getByRole('dialog').getByLabel('Motif').fill('Signature manquante');
    await expertView.page.getByRole('dialog').getByRole('button', { name: 'Refuser' }).click();
    await row.getByText('Refusée').waitFor();

    await client.page.reload();
    const clientRow = client.page.locator('.item-row', { hasText: 'Contrat de location' });
    await clientRow.getByText('Signature manquante').waitFor();
    await client.page.getByLabel('Déposer : Contrat de location').setInputFiles(pdf('contrat-v2'));
    await clientRow.getByText('Déposée').waitFor();

    await expertView.page.reload();
    await row.getByRole('button', { name: 'Valider' }).click();
    await row.getByText('Validée').waitFor();

    // Newest first: the first download link is the current version's.
    const href = await row.getByRole('link', { name: 'Télécharger' }).first().getAttribute('href');
    const meta = await apiCall<{ versions: { version: number }[] }>(
      'GET',
      String(href).replace(/\/versions\/\d+\/content$/, ''),
      undefined,
      expertToken,
    );
    expect(meta.versions.map((v) => v.version)).toEqual([1, 2]);
    await screenshot(expertView.page, 'documents-reviewed');
    await Promise.all([client.close(), expertView.close()]);
  });
});

import { WORKED_EXAMPLE_A } from '@ft/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminToken, apiCall } from './api';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import { validSiren } from './siren';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const PASSWORD = 'Un-mot-de-passe-solide-42';

async function loginPage(email: string) {
  const opened = await openPage(browser);
  await opened.page.goto(`${baseUrl()}/connexion`);
  await opened.page.getByLabel('Adresse e-mail').fill(email);
  await opened.page.getByLabel('Mot de passe').fill(PASSWORD);
  await opened.page.getByRole('button', { name: 'Se connecter' }).click();
  await opened.page.waitForURL('**/espace');
  return opened;
}

/** A client's URSSAF dossier with an approved expert who has accepted it (set up through the API). */
async function dossierWithExpert() {
  const stamp = Date.now().toString();
  const token = await adminToken();
  const expertEmail = `expert-rdv-${stamp}@e2e.example.fr`;
  const expert = await apiCall<{ user: { id: string } }>('POST', '/api/auth/signup/expert', {
    email: expertEmail,
    password: PASSWORD,
    firmName: `Rendez-vous Conseil ${stamp}`,
    siren: validSiren(`7${stamp}`),
    firstName: 'Inès',
    lastName: 'Garnier',
    productCodes: ['URSSAF'],
    yearsOfExperience: 8,
    bio: 'Audit des cotisations URSSAF.',
  });
  await apiCall('POST', `/api/admin/experts/${expert.user.id}/approve`, {}, token);
  const simulation = await apiCall<{ id: string; token: string }>('POST', '/api/simulations', {
    answers: WORKED_EXAMPLE_A,
  });
  await fetch(`${baseUrl()}/api/simulations/${simulation.id}/evaluate`, {
    method: 'POST',
    headers: { 'x-simulation-token': simulation.token },
  });
  const clientEmail = `client-rdv-${stamp}@e2e.example.fr`;
  const signup = await apiCall<{ token: string }>('POST', '/api/auth/signup/client', {
    email: clientEmail,
    password: PASSWORD,
    companyName: 'Transports Garnier',
    siren: validSiren(`6${stamp}`),
    firstName: 'Paul',
    lastName: 'Roux',
    phone: '+33 6 11 22 33 44',
    simulationToken: simulation.token,
  });
  const dossiers = await apiCall<{ items: { id: string; productCode: string }[] }>(
    'GET',
    '/api/dossiers',
    undefined,
    signup.token,
  );
  const id = dossiers.items.find((d) => d.productCode === 'URSSAF')?.id ?? '';
  const expertToken = (
    await apiCall<{ token: string }>('POST', '/api/auth/login', { email: expertEmail, password: PASSWORD })
  ).token;
  await apiCall(
    'POST',
    `/api/dossiers/${id}/force-transition`,
    { to: 'admin_validated', reason: 'Vérifié' },
    token,
  );
  await apiCall('POST', `/api/dossiers/${id}/propose-expert`, { expertId: expert.user.id }, signup.token);
  await apiCall('POST', `/api/dossiers/${id}/accept-assignment`, {}, expertToken);
  // Every day 08:00–20:00 in Paris, so there are free slots whatever day the spec runs.
  await apiCall(
    'PUT',
    '/api/me/availability',
    {
      timeZone: 'Europe/Paris',
      weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
      exceptions: [{ from: '2027-12-24', to: '2027-12-26', reason: 'Noël' }],
    },
    expertToken,
  );
  return { id, clientEmail, expertEmail, clientToken: signup.token };
}

describe('appointments', () => {
  it('a client books a free slot on its dossier and the expert accepts it', async () => {
    const { id, clientEmail, expertEmail, clientToken } = await dossierWithExpert();
    // The client reads times in Guadeloupe; the expert stays in Paris.
    await apiCall('PUT', '/api/me/time-zone', { timeZone: 'America/Guadeloupe' }, clientToken);

    const client = await loginPage(clientEmail);
    await client.page.goto(`${baseUrl()}/dossiers/${id}`);
    await client.page.getByRole('button', { name: 'Proposer un rendez-vous' }).click();
    await client.page.getByText(/Heures affichées en .*\(America\/Guadeloupe\)/).waitFor();
    await client.page.getByLabel('Durée').selectOption('45');
    const firstSlot = client.page.locator('.slot').first();
    await firstSlot.waitFor();
    await screenshot(client.page, 'appointments-picker');
    await firstSlot.click();
    await client.page.getByLabel('Lien de la visioconférence').fill('https://visio.example.fr/garnier');
    await client.page.getByLabel('Ordre du jour').fill('Lancement du dossier URSSAF : pièces à réunir.');
    await client.page.getByRole('button', { name: 'Proposer ce créneau' }).click();
    await client.page.locator('.appointment').getByText('En attente de réponse').waitFor();

    const expert = await loginPage(expertEmail);
    await expert.page.goto(`${baseUrl()}/dossiers/${id}`);
    const item = expert.page.locator('.appointment');
    await item
      .getByText(/\(Europe\/Paris\)/)
      .first()
      .waitFor();
    await item.getByRole('button', { name: 'Accepter' }).click();
    await item.getByText('Confirmé').waitFor();
    await expect.poll(() => item.getByRole('link', { name: 'Ajouter à mon agenda (.ics)' }).count()).toBe(1);
    await expert.page.getByText('Rendez-vous confirmé').first().waitFor();
    await screenshot(expert.page, 'appointments-dossier');

    await client.page.goto(`${baseUrl()}/agenda`);
    await client.page.getByRole('heading', { name: 'Agenda' }).waitFor();
    const entry = client.page.locator('.agenda-entry');
    await client.page.locator('.agenda-grid').waitFor();
    if ((await entry.count()) === 0)
      await client.page.getByRole('button', { name: 'Période suivante' }).click();
    await entry.first().getByText('Confirmé').waitFor();
    await screenshot(client.page, 'appointments-agenda-week');
    await client.page.getByRole('button', { name: 'Mois', exact: true }).click();
    await client.page.locator('.agenda-month').waitFor();
    await screenshot(client.page, 'appointments-agenda-month');
    await client.page.setViewportSize({ width: 375, height: 800 });
    await client.page.getByRole('button', { name: 'Semaine', exact: true }).click();
    await screenshot(client.page, 'appointments-agenda-phone');
    await client.page.setViewportSize({ width: 1280, height: 900 });

    await client.page.getByRole('button', { name: 'Créer l’adresse' }).click();
    const feedUrl = await client.page.getByLabel('Adresse de l’abonnement').inputValue();
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('STATUS:CONFIRMED');
    await client.page.getByRole('button', { name: 'Révoquer l’adresse' }).click();
    await client.page.getByRole('dialog').getByRole('button', { name: 'Révoquer l’adresse' }).click();
    await client.page.getByText('Abonnement révoqué.').waitFor();
    expect((await fetch(feedUrl)).status).toBe(404);

    await expert.page.goto(`${baseUrl()}/agenda/disponibilites`);
    await expert.page.getByRole('heading', { name: 'Mes disponibilités' }).waitFor();
    await expert.page.getByRole('button', { name: 'Enregistrer les disponibilités' }).click();
    await expert.page.getByText('Disponibilités enregistrées.').waitFor();
    await screenshot(expert.page, 'appointments-availability');

    expect(client.problems).toEqual([]);
    expect(expert.problems).toEqual([]);
    await Promise.all([client.close(), expert.close()]);
  });
});

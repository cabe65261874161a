import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall } from './api';
import { baseUrl, launchBrowser, screenshot } from './browser';
import * as flows from './flows';
import { dossierWithExpert } from './flows';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

/** A client's URSSAF dossier whose expert accepted it and is available every day 08:00–20:00. */
async function dossierWithAvailableExpert() {
  const setup = await dossierWithExpert({
    productCode: 'URSSAF',
    label: 'rdv',
    expert: {
      firmName: 'Rendez-vous Conseil',
      firstName: 'Inès',
      lastName: 'Garnier',
      bio: 'Audit des cotisations URSSAF.',
    },
    client: { companyName: 'Transports Garnier', firstName: 'Paul', lastName: 'Roux' },
  });
  // Every day 08:00–20:00 in Paris, so there are free slots whatever day the spec runs.
  await apiCall(
    'PUT',
    '/api/me/availability',
    {
      timeZone: 'Europe/Paris',
      weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '08:00', end: '20:00' })),
      exceptions: [{ from: '2027-12-24', to: '2027-12-26', reason: 'Noël' }],
    },
    setup.expertToken,
  );
  return {
    id: setup.dossierId,
    clientEmail: setup.clientEmail,
    expertEmail: setup.expertEmail,
    clientToken: setup.clientToken,
  };
}

const loginPage = (email: string) => flows.loginPage(browser, email);

describe('appointments', () => {
  it('a client books a free slot on its dossier and the expert accepts it', async () => {
    const { id, clientEmail, expertEmail, clientToken } = await dossierWithAvailableExpert();
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

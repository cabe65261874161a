import { WORKED_EXAMPLE_B } from '@ft/domain';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, screenshot } from './browser';
import * as flows from './flows';
import { approvedExpert, clientFromSimulation } from './flows';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const loginPage = (email: string) => flows.loginPage(browser, email);

describe('notifications', () => {
  it("a client's choice lights the expert's bell; following the notification clears it", async () => {
    const stamp = Date.now().toString();
    const { email: expertEmail, firmName: firm } = await approvedExpert({
      label: 'notif',
      stamp,
      productCode: 'ELECTRICITY_SUPPLIER',
      expert: {
        firmName: 'Watt Conseil',
        firstName: 'Léa',
        lastName: 'Marchand',
        bio: 'Courtière en énergie.',
      },
    });
    const { email: clientEmail } = await clientFromSimulation({
      label: 'notif',
      stamp,
      answers: WORKED_EXAMPLE_B,
      client: { companyName: 'Boulangerie Martin', firstName: 'Paul', lastName: 'Martin' },
    });

    const expertView = await loginPage(expertEmail);
    const bell = expertView.page.getByRole('button', { name: /^Notifications/ });
    // The approval itself is a notification: read it so the bell starts clear.
    await bell.click();
    await expertView.page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await expertView.page.getByTestId('notification-badge').waitFor({ state: 'detached' });
    await expertView.page.keyboard.press('Escape');
    expect(await bell.getAttribute('aria-expanded')).toBe('false');

    const client = await loginPage(clientEmail);
    await client.page.getByRole('link', { name: "Renégociation du contrat d'électricité" }).click();
    await client.page.getByRole('button', { name: 'Choisir un expert' }).click();
    const card = client.page.locator('.cards > .card', { hasText: firm });
    await card.getByRole('button', { name: 'Choisir cet expert' }).click();
    await client.page.getByText('Action enregistrée.').first().waitFor();
    const dossierPath = new URL(client.page.url()).pathname;

    // No reload: the bell picks the new notification up by itself (polling, 30 s at most).
    const badge = expertView.page.getByTestId('notification-badge');
    await badge.waitFor({ timeout: 40_000 });
    expect(await badge.textContent()).toBe('1');
    expect(await bell.getAttribute('aria-label')).toMatch(/^Notifications\s:\s1 non lue$/);
    await screenshot(expertView.page, 'notifications-bell');

    // Keyboard: the bell opens with Enter, focus moves into the dropdown, Escape gives it back.
    await bell.focus();
    await expertView.page.keyboard.press('Enter');
    expect(await bell.getAttribute('aria-expanded')).toBe('true');
    const panel = expertView.page.getByRole('region', { name: 'Notifications' });
    const item = panel.getByRole('link', { name: /Dossier proposé/ });
    await item.waitFor();
    expect(await item.textContent()).toContain('vous avez 48 heures pour répondre');
    await screenshot(expertView.page, 'notifications-dropdown');
    await expertView.page.keyboard.press('Escape');
    expect(await bell.getAttribute('aria-expanded')).toBe('false');
    expect(await bell.evaluate((element) => element === document.activeElement)).toBe(true);

    await bell.click();
    await item.click();
    await expertView.page.waitForURL(`**${dossierPath}`);
    await badge.waitFor({ state: 'detached' });
    expect(await bell.getAttribute('aria-label')).toBe('Notifications');

    await expertView.page.getByRole('button', { name: /^Notifications/ }).click();
    await expertView.page.getByRole('link', { name: 'Voir toutes les notifications' }).click();
    await expertView.page.waitForURL('**/notifications');
    await expertView.page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await expertView.page.getByText('Dossier proposé').first().waitFor();
    await screenshot(expertView.page, 'notifications-page');
    await expertView.page.getByRole('button', { name: 'Archivées' }).click();
    await expertView.page.getByText('Aucune notification archivée.').waitFor();

    await expertView.page.goto(`${baseUrl()}/compte`);
    const messageEmail = expertView.page.getByRole('checkbox', { name: 'Nouveau message – Par e-mail' });
    await messageEmail.uncheck();
    await expertView.page.getByRole('button', { name: 'Enregistrer les préférences' }).click();
    await expertView.page.getByText('Vos préférences de notification sont enregistrées.').first().waitFor();
    await screenshot(expertView.page, 'notifications-preferences');
    await expertView.page.reload();
    expect(
      await expertView.page.getByRole('checkbox', { name: 'Nouveau message – Par e-mail' }).isChecked(),
    ).toBe(false);

    // On a phone the dropdown stays on screen.
    await expertView.page.setViewportSize({ width: 360, height: 740 });
    await expertView.page.getByRole('button', { name: /^Notifications/ }).click();
    const box = await expertView.page.getByRole('region', { name: 'Notifications' }).boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 360).toBe(true);
    await screenshot(expertView.page, 'notifications-dropdown-phone');

    expect(expertView.problems).toEqual([]);
    expect(client.problems).toEqual([]);
    await client.close();
    await expertView.close();
  }, 120_000);
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './a11y';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import * as flows from './flows';
import { dossierWithExpert, PASSWORD } from './flows';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

const loginPage = (email: string) => flows.loginPage(browser, email);

describe('messaging', () => {
  it('a client and an expert exchange messages live, with unread counts and read state updating', async () => {
    const { dossierId, clientEmail, expertEmail } = await dossierWithExpert({
      // DFS: no other spec's expert covers it, so their expert pickers keep showing only their own.
      productCode: 'DFS',
      label: 'msg',
      expert: {
        firmName: 'Messages Conseil',
        firstName: 'Paul',
        lastName: 'Garnier',
        bio: 'Déduction forfaitaire spécifique.',
      },
      client: { companyName: 'Transports Lambert', firstName: 'Claire', lastName: 'Lambert' },
    });
    const client = await loginPage(clientEmail);
    const expert = await loginPage(expertEmail);

    // The client opens the dossier's conversation from the dossier page.
    await client.page.goto(`${baseUrl()}/dossiers/${dossierId}`);
    await client.page.getByRole('button', { name: 'Messages du dossier' }).click();
    await client.page.waitForURL('**/messages?conversation=*');
    await client.page.getByText('Aucun message. Écrivez le premier !').waitFor();

    // The expert waits on the messages page: nothing unread yet.
    await expert.page.goto(`${baseUrl()}/messages`);
    await expert.page.getByRole('link', { name: /Dossier/ }).waitFor();
    expect(await expert.page.getByTestId('nav-unread').count()).toBe(0);

    const composer = client.page.getByLabel('Votre message');
    await composer.fill('Bonjour, voici mes factures de carburant.');
    await composer.press('Shift+Enter');
    await composer.pressSequentially('Deuxième ligne.');
    await composer.press('Enter');
    const sent = client.page.getByTestId('message').filter({ hasText: 'Deuxième ligne.' });
    await sent.getByText('Envoyé').waitFor();

    // Without any reload, the expert's badge and the conversation's count show the new message.
    await expert.page.getByTestId('nav-unread').filter({ hasText: '1 message non lu' }).waitFor();
    await expert.page.getByTestId('conversation-unread').filter({ hasText: '1 message non lu' }).waitFor();
    await screenshot(expert.page, 'messaging-unread');

    await expert.page.getByRole('link', { name: /Dossier/ }).click();
    const received = expert.page.getByTestId('message').filter({ hasText: 'Bonjour, voici mes factures' });
    await received.waitFor();
    expect(await received.textContent()).toContain('Deuxième ligne.');
    // Opening the thread read it: the badge clears and the client sees "Lu" live.
    await expert.page.getByTestId('nav-unread').waitFor({ state: 'detached' });
    await sent.getByText('Lu', { exact: true }).waitFor();

    // The expert types: the client sees it, then the reply arrives live.
    const reply = expert.page.getByLabel('Votre message');
    await reply.pressSequentially('Merci, je regarde', { delay: 20 });
    await client.page
      .getByText('est en train d’écrire')
      .or(client.page.getByText("est en train d'écrire"))
      .waitFor();
    await reply.press('Enter');
    await client.page.getByTestId('message').filter({ hasText: 'Merci, je regarde' }).waitFor();
    await screenshot(client.page, 'messaging-thread');

    // Unread counts stay right for the client too: it read the reply in the open thread.
    await client.page.waitForTimeout(500);
    expect(await client.page.getByTestId('nav-unread').count()).toBe(0);

    const phone = await openPage(browser, { width: 390 });
    await phone.page.goto(`${baseUrl()}/connexion`);
    await phone.page.getByLabel('Adresse e-mail').fill(clientEmail);
    await phone.page.getByLabel('Mot de passe').fill(PASSWORD);
    await phone.page.getByRole('button', { name: 'Se connecter' }).click();
    await phone.page.waitForURL('**/espace');
    await phone.page.goto(client.page.url());
    await phone.page.getByTestId('message').first().waitFor();
    await screenshot(phone.page, 'messaging-phone');

    const signIn = async (page: Page) => {
      await page.goto(`${baseUrl()}/connexion`);
      await page.getByLabel('Adresse e-mail').fill(clientEmail);
      await page.getByLabel('Mot de passe').fill(PASSWORD);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL('**/espace');
    };
    expect(await axeViolations(browser, client.page.url(), signIn)).toEqual([]);

    expect(client.problems).toEqual([]);
    expect(expert.problems).toEqual([]);
    await Promise.all([client.close(), expert.close(), phone.close()]);
  });
});

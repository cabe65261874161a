import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { baseUrl, launchBrowser, openPage, screenshot } from './browser';
import { type DossierWithExpert, dossierWithExpert, loginPage } from './flows';

let browser: Browser;
let setup: DossierWithExpert;

beforeAll(async () => {
  browser = await launchBrowser();
  // ASCII names on purpose: an accent on the page must come from the app, not from test data.
  setup = await dossierWithExpert({
    productCode: 'URSSAF',
    label: 'english',
    expert: { firstName: 'Sam', lastName: 'Taylor', firmName: 'Taylor Payroll', bio: 'Payroll audits.' },
    client: { firstName: 'Alex', lastName: 'Morgan', companyName: 'Morgan Logistics' },
  });
}, 120_000);
afterAll(() => browser.close());

/** Letters and words English never uses; one of them on an English page is French leaking in. */
const FRENCH_LETTERS = /[éèêëàâùûçôîïœ«»]/i;
const FRENCH_WORDS =
  /\b(le|la|les|des|du|une|pour|avec|vous|votre|vos|aucun|aucune|mon|mes|nos|notre|est|sont|dans|sur|ou|et)\b/i;

/**
 * Words people typed in this spec's setup (shared flows write French reasons), shown as typed:
 * user content, not the app's own text.
 */
// People's own names, as other specs of the run typed them at sign-up, are data, not interface.
const TYPED_BY_PEOPLE = ['Vérifié', 'Léa', 'Inès', 'Nous restons chez notre fournisseur'];
/** Place names English writes with their accent. */
const PROPER_NAMES = /\bRéunion\b/g;

/** Each visible text that reads as French (the language switch names French in French). */
async function frenchTexts(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim() ?? '';
      if (!parent || !text || parent.closest('[lang="fr"], script, style, [hidden]')) continue;
      found.push(text);
    }
    return found;
  });
  return texts.filter(
    (text) =>
      !TYPED_BY_PEOPLE.some((typed) => text.includes(typed)) &&
      (FRENCH_LETTERS.test(text.replace(PROPER_NAMES, '')) || FRENCH_WORDS.test(text)),
  );
}

/** Signed in (through the second step when the account has one), then switched to English. */
async function englishSession(email: string, password?: string) {
  let opened: Awaited<ReturnType<typeof loginPage>>;
  if (password) {
    // The admin: its device is trusted (global set-up), so the English form leads straight in.
    opened = await openPage(browser, { locale: 'en-GB' });
    await opened.page.addInitScript(() => localStorage.setItem('ft.language', 'en'));
    await opened.page.goto(`${baseUrl()}/connexion`);
    await opened.page.getByLabel('E-mail address').fill(email);
    await opened.page.getByLabel('Password').fill(password);
    await opened.page.getByRole('button', { name: 'Log in', exact: true }).click();
    await opened.page.waitForURL('**/espace');
  } else {
    opened = await loginPage(browser, email);
    await opened.page.evaluate(() => localStorage.setItem('ft.language', 'en'));
  }
  return opened;
}

/** Visits each route and returns the French lines found on each, after the page settled. */
async function visit(page: Page, role: string, paths: string[]) {
  const found: Record<string, string[]> = {};
  for (const path of paths) {
    await page.goto(`${baseUrl()}${path}`);
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => !document.querySelector('.spinner'), undefined, { timeout: 10_000 });
    const lines = await frenchTexts(page);
    if (lines.length > 0) found[path] = lines;
    await screenshot(page, `english-${role}${path.replaceAll('/', '-')}`);
  }
  return found;
}

describe('the English UI', () => {
  it('shows no French to a visitor', async () => {
    const opened = await openPage(browser, { locale: 'en-GB' });
    await opened.page.addInitScript(() => localStorage.setItem('ft.language', 'en'));
    const found = await visit(opened.page, 'visitor', [
      '/',
      '/connexion',
      '/inscription',
      '/inscription/expert',
    ]);
    await opened.close();
    expect(found).toEqual({});
  });

  it('shows no French to a client on its main pages', async () => {
    const opened = await englishSession(setup.clientEmail);
    const found = await visit(opened.page, 'client', [
      '/espace',
      `/dossiers/${setup.dossierId}`,
      '/documents',
      '/messages',
      '/agenda',
      '/compte',
      `/simulateur/resultats/${setup.simulationId}`,
      '/notifications',
    ]);
    // The notifications are written for the client, in English, the product named in English.
    const inbox = (await opened.page.locator('main').textContent()) ?? '';
    await opened.close();
    expect(found).toEqual({});
    expect(inbox).toContain('Your case “Social contributions review (URSSAF)”');
    expect(inbox).toContain('The expert accepted your case');
  });

  it('shows no French to an expert on its main pages', async () => {
    const opened = await englishSession(setup.expertEmail);
    const found = await visit(opened.page, 'expert', [
      '/espace',
      `/dossiers/${setup.dossierId}`,
      '/messages',
      '/agenda',
      '/agenda/disponibilites',
      '/compte',
      '/notifications',
    ]);
    const inbox = (await opened.page.locator('main').textContent()) ?? '';
    await opened.close();
    expect(found).toEqual({});
    expect(inbox).toContain('A case is proposed to you: you have 48 hours to answer.');
  });

  it('shows no French to an admin on its main pages', async () => {
    const { email, password } = inject('admin');
    const opened = await englishSession(email, password);
    // Not here: the product editor and the mail outbox show the French catalogue wording and the
    // French e-mails as they are stored, which is what an admin edits and audits.
    const found = await visit(opened.page, 'admin', [
      '/espace',
      `/dossiers/${setup.dossierId}`,
      '/admin/experts',
      '/admin/clients',
      '/admin/journal',
      '/notifications',
    ]);
    await opened.close();
    expect(found).toEqual({});
  });
});

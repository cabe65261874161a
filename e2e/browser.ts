import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

const screenshots = fileURLToPath(new URL('./screenshots', import.meta.url));

export const baseUrl = () => inject('baseUrl');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: inject('chromiumPath'),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-dev-shm-usage',
    ],
  });
}

/**
 * A page that records console errors (CSP violations among them) and failed requests, so a spec can
 * assert the app ran cleanly. Whatever a spec asserts, closing the page fails the test if the
 * browser reported a Content Security Policy violation: the SPA must run under the strict CSP.
 */
export async function openPage(browser: Browser, options: { width?: number; locale?: string } = {}) {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: options.locale ?? 'fr-FR',
    acceptDownloads: true,
  });
  // The admin's second factor was passed once in global set-up, on a device trusted for 30 days:
  // the cookie counts for the admin only, so every page may carry it.
  await context.addCookies([
    { name: 'ft_trusted_device', value: inject('admin').trustedDevice, url: `${baseUrl()}/api/auth` },
  ]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  const close = async () => {
    await context.close();
    const violations = problems.filter((text) => /Content Security Policy/i.test(text));
    if (violations.length > 0) throw new Error(`CSP violations in the browser:\n${violations.join('\n')}`);
  };
  return { page, problems, close };
}

export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, launchBrowser, openPage } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser.close());

describe('Content Security Policy in the browser', () => {
  it('sends the strict policy with the SPA', async () => {
    const { page, close } = await openPage(browser);
    const response = await page.goto(baseUrl());
    const csp = response?.headers()['content-security-policy'] ?? '';
    for (const directive of [
      "default-src 'self'",
      "script-src 'self'",
      "img-src 'self' data: https:",
      "frame-ancestors 'none'",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(response?.headers()['x-powered-by']).toBeUndefined();
    await close();
  });

  // Every spec's page fails on close when the browser reported a violation: this proves that guard
  // sees one, so a clean run of the other specs means the SPA really runs under the policy.
  it('blocks inline code, and the specs would see it', async () => {
    const { page, problems, close } = await openPage(browser);
    await page.goto(baseUrl());
    await page.getByRole('heading', { level: 1 }).waitFor();
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'document.documentElement.dataset.inline = "ran"';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 100));
      return document.documentElement.dataset.inline === 'ran';
    });
    expect(ran).toBe(false);
    await expect.poll(() => problems.some((text) => /Content Security Policy/i.test(text))).toBe(true);
    await expect(close()).rejects.toThrow(/CSP violations/);
  });
});

import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';

const require = createRequire(import.meta.url);

type AxeResult = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };

/**
 * Runs axe-core (WCAG 2.1 A/AA rules) on a page. Injecting axe needs an inline script, which our
 * CSP forbids, so this uses a separate context that bypasses CSP; the CSP itself is checked by
 * the specs' normal contexts.
 */
export async function axeViolations(
  browser: Browser,
  url: string,
  /** Runs first in the same context, e.g. to sign in for a page that needs a session. */
  prepare?: (page: Page) => Promise<void>,
): Promise<string[]> {
  const context = await browser.newContext({ bypassCSP: true, locale: 'fr-FR' });
  try {
    const page = await context.newPage();
    await prepare?.(page);
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const result = (await page.evaluate(() =>
      (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> } }).axe.run(
        document,
        {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        },
      ),
    )) as AxeResult;
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  } finally {
    await context.close();
  }
}
